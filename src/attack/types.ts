/**
 * Types of the attack lab (`rep attack`, ../shared/design/hardened-suite.md "The attack scenarios"): which
 * suite a scenario runs against, what the attacker can do, the verdicts, and what a run reports.
 */

/** A scenario id of the hardened-suite table: T1 … T14. */
export type ScenarioId = `T${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14}`;

/**
 * The suite a scenario runs against: `v2` (hardened), `classic` (the reference's behaviour, faithful), or
 * `classic-retrying` (the classic server variant that keeps a channel after a failed decryption; T2 only).
 */
export type LabSuite = 'v2' | 'classic' | 'classic-retrying';

/** Every lab suite, in report order. */
export const LAB_SUITES: readonly LabSuite[] = ['v2', 'classic', 'classic-retrying'];

/**
 * Attacker models: `net` reads, drops, alters and injects on the wire and knows no private key; `net+eph`
 * also knows the private key of one server ephemeral key of an earlier run; `repo` is a malicious repository
 * the subject talks to; `insider` saw one A1 plaintext.
 */
export type AttackerModel = 'net' | 'net+eph' | 'repo' | 'insider';

/** What happened: the attack was stopped, it worked, or it does not apply to the suite. */
export type Verdict = 'blocked' | 'succeeded' | 'not-applicable';

/** One attempt inside a scenario (a scenario often tries several variants). */
export interface AttackAttempt {
  /** What the attacker tried, e.g. "flip one bit of A1 `tag`". */
  readonly name: string;
  /** What the repository answered (status and code or decrypted message). */
  readonly server: string;
  /** What the client concluded, when a client was involved. */
  readonly client?: string;
  /** True when this attempt got the attacker what it wanted. */
  readonly succeeded: boolean;
}

/** The padding oracle's figures (T2). */
export interface OracleReport {
  /** Queries sent to the repository (each one a request on the victim's channel). */
  readonly queries: number;
  /** Plaintext bytes recovered (and checked against the real A1 plaintext). */
  readonly bytesRecovered: number;
  /** Length of the A1 plaintext (its ciphertext minus the padding). */
  readonly totalBytes: number;
  /** Recovered bytes that differ from the real plaintext (0 when the attack is sound). */
  readonly wrongBytes: number;
  /** The recovered text, unknown bytes shown as `·`. */
  readonly preview: string;
  /** Why it stopped: everything recovered, the query or time cap, or the repository refused. */
  readonly stoppedBy: 'complete' | 'query-cap' | 'time-cap' | 'block-cap' | 'refused';
  readonly elapsedMs: number;
}

/** What a scenario runner reports; the lab adds the expected verdict, `pass` and timing. */
export interface ScenarioOutcome {
  readonly verdict: Verdict;
  /** What the attacker did, in one or two sentences. */
  readonly action: string;
  /** What the client answered (or "no client involved"). */
  readonly client: string;
  /** What the server answered. */
  readonly server: string;
  /**
   * Which check stopped it (v2: the transcript field, key or error code; classic: the reference behaviour),
   * or, when it succeeded, why nothing stopped it.
   */
  readonly check: string;
  readonly attempts: readonly AttackAttempt[];
  readonly oracle?: OracleReport;
}

/** The result of one scenario on one suite. */
export interface AttackResult extends ScenarioOutcome {
  readonly id: ScenarioId;
  readonly suite: LabSuite;
  readonly title: string;
  readonly attacker: AttackerModel;
  /** The verdict the hardened-suite table gives for this suite. */
  readonly expected: Verdict;
  /** `verdict === expected`. */
  readonly pass: boolean;
  /** One paragraph: action, answers and the check (what `--json` prints as `detail`). */
  readonly detail: string;
  readonly durationMs: number;
}

/** A message that crossed the man-in-the-middle proxy (or was injected by the attacker). */
export interface WireEntry {
  readonly seq: number;
  /** `client`: sent by the victim's client; `attacker`: injected by the attacker. */
  readonly origin: 'client' | 'attacker';
  readonly method: string;
  readonly path: string;
  /** What the proxy did with it. */
  readonly action: 'forwarded' | 'altered' | 'dropped' | 'answered' | 'replaced' | 'relayed' | 'injected';
  readonly status?: number;
  readonly request?: unknown;
  readonly response?: unknown;
  readonly note?: string;
}

/** Progress of a lab run, for a UI (`runAttackLab({onProgress})`). */
export type AttackEvent =
  | {readonly type: 'lab-start'; readonly runs: ReadonlyArray<{readonly id: ScenarioId; readonly suite: LabSuite}>}
  | {readonly type: 'scenario-start'; readonly id: ScenarioId; readonly suite: LabSuite; readonly title: string; readonly attacker: AttackerModel}
  | {readonly type: 'attempt'; readonly id: ScenarioId; readonly suite: LabSuite; readonly attempt: AttackAttempt}
  | {readonly type: 'wire'; readonly id: ScenarioId; readonly suite: LabSuite; readonly entry: WireEntry}
  | {
      /** T2: the oracle is about to attack `totalBytes` of A1 ciphertext (blocks of 16 bytes). */
      readonly type: 'oracle-start'; readonly suite: LabSuite; readonly totalBytes: number; readonly blocks: number;
      readonly maxQueries: number; readonly timeLimitMs: number;
    }
  | {
      /** T2: one more plaintext byte recovered at `offset` (the UI fills its view of A1 byte by byte). */
      readonly type: 'oracle-byte'; readonly suite: LabSuite; readonly offset: number; readonly value: number;
      readonly queries: number; readonly recovered: number; readonly elapsedMs: number;
    }
  | {readonly type: 'scenario-done'; readonly result: AttackResult}
  | {readonly type: 'lab-done'; readonly results: readonly AttackResult[]; readonly durationMs: number};

/** Receives lab progress; called synchronously. */
export type AttackProgress = (event: AttackEvent) => void;
