import {openExternalRepository, readPinnedKey, targetFor, type OpenRepositoryOptions, type RepositoryTarget} from '../src/cli/repository.js';
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
