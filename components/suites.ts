import type {RepositoryTarget} from '../src/cli/repository.js';
import type {AppDeps} from './deps.js';

/** The protocol suites the app offers: `v2` (hardened, default) and `classic` (the SIO 2024/25 reference's wire format). */
export type Suite = 'v2' | 'classic';

export const SUITES: readonly Suite[] = ['v2', 'classic'];

/** The subject key curve each suite needs. */
export const SUITE_CURVE: Readonly<Record<Suite, string>> = {v2: 'P-256', classic: 'P-521'};

/** The repository target that speaks `suite` (its pinned key is that suite's repository key), if this app has one. */
export function suiteTarget(deps: Pick<AppDeps, 'repository' | 'classic'>, suite: string): RepositoryTarget | undefined {
  if (suite === 'v2') return deps.repository.suite === 'v2' ? deps.repository : undefined;
  if (suite === 'classic') return deps.classic;
  return undefined;
}

/** The suites this app can run against its repository, in menu order. */
export const servedSuites = (deps: Pick<AppDeps, 'repository' | 'classic'>): Suite[] => SUITES.filter((suite) => suiteTarget(deps, suite) !== undefined);

/** Why `suite` cannot be used here (undefined when it can), in one phrase. */
export function suiteUnavailable(deps: Pick<AppDeps, 'repository' | 'classic'>, suite: Suite): string | undefined {
  if (suiteTarget(deps, suite)) return undefined;
  const pinned = deps.repository.suite;
  return deps.repository.bundled
    ? `the bundled repository does not serve ${suite} here`
    : `not available: REP_PUB_KEY pins this repository's ${SUITE_CURVE[pinned]} ${pinned} key, and ${suite} needs its ${SUITE_CURVE[suite]} key`;
}

/** Why a stored session of `suite` cannot be verified with this app (its suite is not served here), in one sentence. */
export function noSuiteSentence(deps: Pick<AppDeps, 'repository' | 'classic'>, suite: string): string {
  const reason = (SUITES as readonly string[]).includes(suite) ? suiteUnavailable(deps, suite as Suite) : `${suite} is not a suite this app knows`;
  return `This app has no ${suite} repository to verify it with (${reason}; suites here: ${servedSuites(deps).join(', ')}).`;
}
