import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {AppDeps} from '../../components/deps.js';
import {themeFor} from '../../components/theme.js';
import {readPinnedKey, targetFor} from '../../src/cli/repository.js';
import {repPaths} from '../../src/paths.js';
import {createConfSessionStore} from '../../src/store/session-store.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../server/listen.js';

/** Real dependencies for component tests: a bundled server on 127.0.0.1:0 and a conf store, in a temporary REP_HOME. */
export interface TestApp {
  readonly deps: AppDeps;
  readonly server: RunningRepositoryServer;
  readonly home: string;
  close(): Promise<void>;
}

export async function startTestApp(extra: Partial<AppDeps> = {}): Promise<TestApp> {
  const home = mkdtempSync(join(tmpdir(), 'rep-ui-'));
  const env = {REP_HOME: home, NO_COLOR: '1'};
  const paths = repPaths(env);
  const server = await startRepositoryServer({paths});
  const repository = targetFor(server.url, readPinnedKey(paths.repositoryPublicKey, 'REP_HOME'), true, {serverEvents: server.context.events});
  const deps: AppDeps = {
    repository, paths, env, theme: themeFor(env), cwd: home,
    store: createConfSessionStore({dir: paths.storeDir}),
    ...extra,
  };
  void readFileSync;
  return {
    deps, server, home,
    async close() {
      await repository.close();
      await server.close();
      rmSync(home, {recursive: true, force: true});
    },
  };
}
