import type {LabEnvironment, LabRepository} from './environment.js';
import {startMitmProxy, type MitmProxy, type ProxyHooks} from './proxy.js';
import type {AttackAttempt, AttackProgress, LabSuite, ScenarioId, ScenarioOutcome} from './types.js';

/** Caps of the padding oracle (T2 on `classic-retrying`). */
export interface OracleLimits {
  /** Stop after this many queries (default 200 000). */
  readonly maxQueries?: number;
  /** Stop after this long (default 20 000 ms). */
  readonly timeLimitMs?: number;
  /** Attack at most the first N ciphertext blocks (default all). */
  readonly maxBlocks?: number;
  /** Blocks attacked at once (default 8). */
  readonly concurrency?: number;
}

/** What a scenario runner gets: the environment, its suite, a proxy factory and an attempt log. */
export interface ScenarioContext {
  readonly id: ScenarioId;
  readonly suite: LabSuite;
  readonly env: LabEnvironment;
  readonly oracle: OracleLimits;
  readonly progress: AttackProgress;
  /** A man-in-the-middle proxy in front of `upstream` (default the main repository), closed after the scenario. */
  proxy(upstream?: LabRepository, hooks?: ProxyHooks): Promise<MitmProxy>;
  /** Records one attempt (and reports it as progress). */
  attempt(attempt: AttackAttempt): AttackAttempt;
  readonly attempts: readonly AttackAttempt[];
}

/** A scenario's outcome without the attempts (the context collects those). */
export type ScenarioReport = Omit<ScenarioOutcome, 'attempts'>;

/** A scenario: its id and one runner per suite it applies to. */
export interface Scenario {
  readonly id: ScenarioId;
  readonly run: Partial<Record<LabSuite, (ctx: ScenarioContext) => Promise<ScenarioReport>>>;
}

/** Creates a context; `dispose` closes the proxies it made. */
export function createScenarioContext(
  id: ScenarioId, suite: LabSuite, env: LabEnvironment, oracle: OracleLimits, progress: AttackProgress,
): ScenarioContext & {dispose(): Promise<void>} {
  const proxies: MitmProxy[] = [];
  const attempts: AttackAttempt[] = [];
  return {
    id, suite, env, oracle, progress, attempts,
    async proxy(upstream = env.main, hooks = {}) {
      const proxy = await startMitmProxy({upstream: upstream.url, hooks, onEntry: (entry) => progress({type: 'wire', id, suite, entry})});
      proxies.push(proxy);
      return proxy;
    },
    attempt(attempt) {
      attempts.push(attempt);
      progress({type: 'attempt', id, suite, attempt});
      return attempt;
    },
    async dispose() {
      await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    },
  };
}

/** `blocked` unless one of the attempts succeeded. */
export function verdictOf(attempts: readonly AttackAttempt[]): 'blocked' | 'succeeded' {
  return attempts.some((a) => a.succeeded) ? 'succeeded' : 'blocked';
}

/** The attempts' answers in one line (`name: answer`, quoted server messages left out). */
export function answersOf(attempts: readonly AttackAttempt[], side: 'server' | 'client' = 'server'): string {
  const shown = attempts.filter((a) => a[side] !== undefined).map((a) => `${a.name}: ${a[side]!.replace(/ \("[^"]*"\)/g, '').split(' — ')[0]}`);
  return shown.join('; ');
}

/** The HTTP paths the lab's proxy hooks match on. */
export const isPath = (request: {path: string}, path: string) => request.path.split('?')[0] === path;
