import {performance} from 'node:perf_hooks';
import {expectedVerdict, scenarioInfo, SCENARIOS, suitesOf} from './catalog.js';
import {startLabEnvironment, type LabEnvironment} from './environment.js';
import {createScenarioContext, type OracleLimits} from './scenario-kit.js';
import {SCENARIO_RUNNERS} from './scenarios/index.js';
import {LAB_SUITES, type AttackProgress, type AttackResult, type LabSuite, type ScenarioId, type ScenarioOutcome} from './types.js';

/** Options of {@link runAttackLab}. */
export interface AttackLabOptions {
  /**
   * Suites to run (default all three). `classic` also selects `classic-retrying` unless the list names the
   * suites one by one; `classic-retrying` only has T2.
   */
  readonly suites?: readonly LabSuite[];
  /** Scenarios to run (default T1 … T14). */
  readonly only?: readonly ScenarioId[];
  /** Progress for a UI: scenario start/done, every attempt and wire message, the oracle's bytes. */
  readonly onProgress?: AttackProgress;
  /** Caps of the padding oracle (default: whole plaintext, 200 000 queries, 20 s). */
  readonly oracle?: OracleLimits;
  /** An environment to reuse (tests); by default one is started and closed by this call. */
  readonly environment?: LabEnvironment;
}

/** The (scenario, suite) pairs a lab run covers, in table order. */
export function plannedRuns(options: Pick<AttackLabOptions, 'suites' | 'only'> = {}): Array<{id: ScenarioId; suite: LabSuite}> {
  const suites = options.suites ?? LAB_SUITES;
  const ids = options.only ?? SCENARIOS.map((s) => s.id);
  return SCENARIOS.filter((s) => ids.includes(s.id))
    .flatMap((s) => suitesOf(s.id).filter((suite) => suites.includes(suite)).map((suite) => ({id: s.id, suite})));
}

/** One paragraph for `--json`'s `detail`. */
function detailOf(outcome: ScenarioOutcome): string {
  const why = outcome.verdict === 'blocked' ? 'Stopped by' : outcome.verdict === 'succeeded' ? 'Why it worked' : 'Note';
  const clause = (text: string) => text.trim().replace(/[.\s]+$/, '');
  return `${clause(outcome.action)}. Server: ${clause(outcome.server)}. Client: ${clause(outcome.client)}. ${why}: ${clause(outcome.check)}.`;
}

/** Runs one scenario on one suite; a crash of the scenario itself is reported as a failed result. */
async function runOne(id: ScenarioId, suite: LabSuite, env: LabEnvironment, options: AttackLabOptions): Promise<AttackResult> {
  const progress: AttackProgress = options.onProgress ?? (() => {});
  const info = scenarioInfo(id);
  progress({type: 'scenario-start', id, suite, title: info.title, attacker: info.attacker});
  const started = performance.now();
  const context = createScenarioContext(id, suite, env, options.oracle ?? {}, progress);
  let outcome: ScenarioOutcome;
  try {
    const runner = SCENARIO_RUNNERS[id].run[suite];
    if (!runner) throw new Error(`${id} has no runner for ${suite}`);
    outcome = {...(await runner(context)), attempts: context.attempts};
  } catch (error) {
    outcome = {
      verdict: 'succeeded', action: 'the scenario could not run', client: 'unknown', server: 'unknown',
      check: `the lab failed: ${(error as Error)?.stack ?? String(error)}`, attempts: context.attempts,
    };
  } finally {
    env.setClockOffset(0);
    await context.dispose();
  }
  const expected = expectedVerdict(id, suite);
  const result: AttackResult = {
    ...outcome, id, suite, title: info.title, attacker: info.attacker, expected, pass: outcome.verdict === expected,
    detail: detailOf(outcome), durationMs: Math.round(performance.now() - started),
  };
  progress({type: 'scenario-done', result});
  return result;
}

/**
 * Runs the attack scenarios T1–T14 for real: a bundled repository on 127.0.0.1 in a temporary REP_HOME
 * (plus a second repository for T8 and a `--retrying` classic repository for T2 when those run), the
 * project's own clients, and a man-in-the-middle proxy between them. Scenarios run one after another; the
 * results come back in table order. Nothing outside the temporary folders is touched.
 */
export async function runAttackLab(options: AttackLabOptions = {}): Promise<AttackResult[]> {
  const runs = plannedRuns(options);
  const started = performance.now();
  options.onProgress?.({type: 'lab-start', runs});
  const env = options.environment ?? (await startLabEnvironment());
  const results: AttackResult[] = [];
  try {
    for (const {id, suite} of runs) results.push(await runOne(id, suite, env, options));
  } finally {
    if (!options.environment) await env.close();
  }
  options.onProgress?.({type: 'lab-done', results, durationMs: Math.round(performance.now() - started)});
  return results;
}
