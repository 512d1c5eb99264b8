/** The attack lab screen's state and actions (the reducer is in ./attack-lab-reducer.ts). */
import type {AttackEvent, AttackResult, LabSuite, OracleReport, ScenarioId} from '../../src/attack/types.js';

/** The suites the screen shows and runs: both (v2, classic and classic's `--retrying` variant for T2), or one. */
export type SuiteFilter = 'both' | 'v2' | 'classic';
export const SUITE_FILTERS: readonly SuiteFilter[] = ['both', 'v2', 'classic'];

/** The lab suites of a filter (`classic` brings its `--retrying` variant, as `rep attack --suite classic` does). */
export const FILTER_SUITES: Readonly<Record<SuiteFilter, readonly LabSuite[]>> = {
  both: ['v2', 'classic', 'classic-retrying'], v2: ['v2'], classic: ['classic', 'classic-retrying'],
};

/** One (scenario, suite) run: waiting, running, finished with its result, or cut short by a cancel. */
export interface RunCell {
  readonly status: 'queued' | 'running' | 'done' | 'cancelled';
  readonly result?: AttackResult;
  readonly attempts: number;
}

/** The live padding oracle (T2 on `classic-retrying`): the A1 plaintext as far as it is recovered. */
export interface OracleProgress {
  readonly suite: LabSuite;
  readonly totalBytes: number;
  readonly blocks: number;
  readonly maxQueries: number;
  readonly timeLimitMs: number;
  /** One entry per ciphertext byte (padding included): the recovered byte, or undefined. */
  readonly bytes: ReadonlyArray<number | undefined>;
  readonly queries: number;
  readonly recovered: number;
  readonly elapsedMs: number;
  /** The scenario's final figures, once it is done. */
  readonly report?: OracleReport;
}

/** The run in progress or the last one. */
export type LabRun =
  | {readonly status: 'idle'}
  | {readonly status: 'running'; readonly label: string; readonly startedAt: number; readonly total: number; readonly done: number; readonly current?: string; readonly activity?: string; readonly cancelling?: boolean}
  | {readonly status: 'done'; readonly label: string; readonly passed: number; readonly total: number; readonly durationMs: number}
  | {readonly status: 'cancelled'; readonly label: string; readonly done: number; readonly total: number}
  | {readonly status: 'failed'; readonly label: string; readonly message: string};

export interface AttackLabState {
  readonly filter: SuiteFilter;
  /** Index into SCENARIOS. */
  readonly selected: number;
  readonly view: 'list' | 'oracle';
  /** Scroll of the detail pane (lines). */
  readonly detailScroll: number;
  /** First block row of the oracle view, or undefined to follow the blocks being recovered. */
  readonly oracleTop?: number;
  /** Keyed by {@link cellKey}. */
  readonly cells: Readonly<Record<string, RunCell>>;
  readonly run: LabRun;
  readonly oracle?: OracleProgress;
}

export type AttackLabAction =
  | {readonly type: 'event'; readonly event: AttackEvent}
  /** `at`: when it started (ms since the epoch), for the elapsed time. */
  | {readonly type: 'run-requested'; readonly label: string; readonly at: number}
  | {readonly type: 'cancel-requested'}
  | {readonly type: 'cancelled'}
  | {readonly type: 'run-failed'; readonly message: string}
  | {readonly type: 'select'; readonly delta: number; readonly count: number}
  | {readonly type: 'next-filter'}
  | {readonly type: 'toggle-oracle'}
  | {readonly type: 'close-oracle'}
  | {readonly type: 'detail-scroll'; readonly delta: number; readonly max: number}
  | {readonly type: 'oracle-top'; readonly top: number | undefined};

export const cellKey = (id: ScenarioId, suite: LabSuite): string => `${id}/${suite}`;

export const initialAttackLabState = (): AttackLabState => ({filter: 'both', selected: 0, view: 'list', detailScroll: 0, cells: {}, run: {status: 'idle'}});
