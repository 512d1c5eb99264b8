import type {OpenRepository, OpenRepositoryOptions, RepositoryTarget} from '../repository.js';

/** What the composition root (bin/) gives every command that talks to a repository. */
export interface CommandDeps {
  readonly openRepository: OpenRepository;
}

/** Opens the repository (for a suite: it picks the pinned key), runs `body`, and always closes it (and the in-process server). */
export async function withRepository<T>(deps: CommandDeps, env: NodeJS.ProcessEnv, body: (target: RepositoryTarget) => Promise<T>, options?: OpenRepositoryOptions): Promise<T> {
  const target = await (options ? deps.openRepository(env, options) : deps.openRepository(env));
  try {
    return await body(target);
  } finally {
    await target.close();
  }
}
