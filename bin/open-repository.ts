import {
  openExternalRepository, openExternalRepositoryOfEitherSuite, readPinnedKey, targetFor, type OpenRepositoryOptions, type RepositoryTarget,
} from '../src/cli/repository.js';
import {repPaths} from '../src/paths.js';

/**
 * The composition root's choice of repository: REP_ADDRESS (with REP_PUB_KEY) when set; otherwise the
 * bundled server, started in this process on 127.0.0.1 with a free port over REP_HOME, pinned to the
 * public key file in REP_HOME (read from disk, not asked from the server): the classic suite's P-521 key
 * for `{suite: 'classic'}`, the v2 key otherwise.
 */
export async function openRepository(env: NodeJS.ProcessEnv, options: OpenRepositoryOptions = {}): Promise<RepositoryTarget> {
  if (env.REP_ADDRESS && env.REP_ADDRESS.trim() !== '') return openExternalRepository(env, options);
  const {startRepositoryServer} = await import('../server/listen.js');
  const paths = repPaths(env);
  const server = await startRepositoryServer({paths});
  try {
    const classic = options.suite === 'classic';
    const pinned = readPinnedKey(classic ? paths.classicRepositoryPublicKey : paths.repositoryPublicKey, 'REP_HOME', options.suite);
    return targetFor(server.url, pinned, true, {serverEvents: server.context.events, close: () => server.close()}, options.suite);
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * What the app talks to: `repository`, the one it shows (pinned to its v2 key, or for an external classic-only
 * repository to its classic key), and `classic`, the target of the classic suite when there is one.
 */
export interface AppRepositories {
  readonly repository: RepositoryTarget;
  readonly classic?: RepositoryTarget;
  /** Closes both (and the in-process server). */
  close(): Promise<void>;
}

/**
 * The app's repositories. Bundled: one in-process server serving both suites, with two targets pinned to the
 * two public keys in REP_HOME (v2 P-256, classic P-521), both fed by the server's events. External
 * (REP_ADDRESS): the one suite REP_PUB_KEY's curve pins, v2 (P-256) or classic (P-521, e.g. a reference
 * repository and its `rep_pub_key.pem`).
 */
export async function openAppRepositories(env: NodeJS.ProcessEnv): Promise<AppRepositories> {
  if (env.REP_ADDRESS && env.REP_ADDRESS.trim() !== '') {
    const repository = await openExternalRepositoryOfEitherSuite(env);
    return {repository, ...(repository.suite === 'classic' ? {classic: repository} : {}), close: () => repository.close()};
  }
  const {startRepositoryServer} = await import('../server/listen.js');
  const paths = repPaths(env);
  const server = await startRepositoryServer({paths});
  try {
    const serverEvents = server.context.events;
    const repository = targetFor(server.url, readPinnedKey(paths.repositoryPublicKey, 'REP_HOME'), true, {serverEvents});
    const classic = server.context.classic
      ? targetFor(server.url, readPinnedKey(paths.classicRepositoryPublicKey, 'REP_HOME', 'classic'), true, {serverEvents}, 'classic')
      : undefined;
    return {
      repository, classic,
      async close() {
        await classic?.close();
        await repository.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
