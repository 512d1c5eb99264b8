import type {OpenRepository, RepositoryTarget} from '../repository.js';

/** What the composition root (bin/) gives every command that talks to a repository. */
export interface CommandDeps {
  readonly openRepository: OpenRepository;
}

/** Opens the repository, runs `body`, and always closes it (and the in-process server). */
export async function withRepository<T>(deps: CommandDeps, env: NodeJS.ProcessEnv, body: (target: RepositoryTarget) => Promise<T>): Promise<T> {
  const target = await deps.openRepository(env);
  try {
    return await body(target);
  } finally {
    await target.close();
  }
}
