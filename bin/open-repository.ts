import {openExternalRepository, readPinnedKey, targetFor, type RepositoryTarget} from '../src/cli/repository.js';
import {repPaths} from '../src/paths.js';

/**
 * The composition root's choice of repository: REP_ADDRESS (with REP_PUB_KEY) when set; otherwise the
 * bundled server, started in this process on 127.0.0.1 with a free port over REP_HOME, pinned to the
 * public key file in REP_HOME (read from disk, not asked from the server).
 */
export async function openRepository(env: NodeJS.ProcessEnv): Promise<RepositoryTarget> {
  if (env.REP_ADDRESS && env.REP_ADDRESS.trim() !== '') return openExternalRepository(env);
  const {startRepositoryServer} = await import('../server/listen.js');
  const paths = repPaths(env);
  const server = await startRepositoryServer({paths});
  try {
    const pinned = readPinnedKey(paths.repositoryPublicKey, 'REP_HOME');
    return targetFor(server.url, pinned, true, {serverEvents: server.context.events, close: () => server.close()});
  } catch (error) {
    await server.close();
    throw error;
  }
}
