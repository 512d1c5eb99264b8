import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {AppDeps} from '../../components/deps.js';
import {themeFor} from '../../components/theme.js';
import {readPinnedKey, targetFor} from '../../src/cli/repository.js';
import {repPaths} from '../../src/paths.js';
import {createConfSessionStore} from '../../src/store/session-store.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../server/listen.js';

/**
 * Real dependencies for component tests: a bundled server on 127.0.0.1:0 (serving both suites) and a conf
 * store, in a temporary REP_HOME. `deps.repository` is the v2 target and `deps.classic` the classic one (the
 * same server, pinned to its P-521 classic key), as bin/rep-tui gives the app.
 */
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
  const serverEvents = server.context.events;
  const repository = targetFor(server.url, readPinnedKey(paths.repositoryPublicKey, 'REP_HOME'), true, {serverEvents});
  const classic = targetFor(server.url, readPinnedKey(paths.classicRepositoryPublicKey, 'REP_HOME', 'classic'), true, {serverEvents}, 'classic');
  const deps: AppDeps = {
    repository, classic, paths, env, theme: themeFor(env), cwd: home,
    store: createConfSessionStore({dir: paths.storeDir}),
    ...extra,
  };
  return {
    deps, server, home,
    async close() {
      await classic.close();
      await repository.close();
      await server.close();
      rmSync(home, {recursive: true, force: true});
    },
  };
}
