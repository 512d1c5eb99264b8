/**
 * The attack lab (`rep attack`): the scenarios T1–T14 of ../shared/design/hardened-suite.md run for real
 * over loopback HTTP, through a man-in-the-middle proxy, against the bundled repository. React-free: the
 * CLI and the TUI's "Attack lab" screen both build on this module.
 *
 * ```ts
 * const results = await runAttackLab({suites: ['v2', 'classic', 'classic-retrying'], only: ['T2'], onProgress});
 * ```
 */
export {runAttackLab, plannedRuns, type AttackLabOptions} from './lab.js';
export {SCENARIOS, scenarioInfo, suitesOf, expectedVerdict, isScenarioId, type ScenarioInfo} from './catalog.js';
export {formatTable, oracleLine, shortCheck, toJsonRows, type AttackJsonRow} from './report.js';
export {startLabEnvironment, type LabEnvironment} from './environment.js';
export {startMitmProxy, type MitmProxy, type ProxyHooks, type RequestDecision, type ResponseDecision, type InterceptedRequest} from './proxy.js';
export {recoverPlaintext, OracleRefused, GUESS_ORDER, type PaddingOracle, type PaddingOracleOptions, type PaddingOracleResult} from './padding-oracle.js';
export type {OracleLimits} from './scenario-kit.js';
export {
  LAB_SUITES, type AttackAttempt, type AttackerModel, type AttackEvent, type AttackProgress, type AttackResult, type LabSuite,
  type OracleReport, type ScenarioId, type ScenarioOutcome, type Verdict, type WireEntry,
} from './types.js';
