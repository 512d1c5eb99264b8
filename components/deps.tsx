import React, {createContext, useContext, type ReactNode} from 'react';
import type {RepositoryTarget} from '../src/cli/repository.js';
import type {RepPaths} from '../src/paths.js';
import type {SessionStore} from '../src/store/session-store.js';
import type {Theme} from './theme.js';
import type {StoreWarningLog} from './sessions/store-warnings.js';

/** Everything the views need from the outside world, injected once at the top (bin/ or tests). */
export interface AppDeps {
  /**
   * The repository the app shows: pinned to its P-256 v2 key, or, for an external classic-only repository
   * (REP_PUB_KEY a P-521 key), to its classic key (`repository.suite` says which).
   */
  readonly repository: RepositoryTarget;
  /**
   * The repository for the classic suite, pinned to its P-521 classic key, when it serves classic (the bundled
   * server does; an external one when REP_PUB_KEY is its classic key); without it the app offers v2 only.
   */
  readonly classic?: RepositoryTarget;
  readonly store: SessionStore;
  readonly paths: RepPaths;
  readonly env: NodeJS.ProcessEnv;
  readonly theme: Theme;
  /** Credentials files offered by the wizard (REP_HOME/credentials and the current folder). */
  readonly cwd: string;
  /** Walkthrough seed (`--seed`), if any. */
  readonly seed?: string;
  /** Fed by the store's `onWarning` (corrupt entries skipped ...): the sessions browser shows them. */
  readonly storeWarnings?: StoreWarningLog;
}

const DepsContext = createContext<AppDeps | undefined>(undefined);

/** Provides the dependencies to every view below. */
export function DepsProvider({deps, children}: {readonly deps: AppDeps; readonly children: ReactNode}) {
  return <DepsContext.Provider value={deps}>{children}</DepsContext.Provider>;
}

/** The injected dependencies; throws outside a DepsProvider (a wiring mistake, not a user error). */
export function useDeps(): AppDeps {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error('useDeps must be used inside <DepsProvider>');
  return deps;
}
