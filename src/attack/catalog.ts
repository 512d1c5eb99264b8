import type {AttackerModel, LabSuite, ScenarioId, Verdict} from './types.js';

/** One row of the hardened-suite attack table (../shared/design/hardened-suite.md), with its expected verdicts. */
export interface ScenarioInfo {
  readonly id: ScenarioId;
  /** Short title for lists and tables. */
  readonly title: string;
  readonly attacker: AttackerModel;
  /** The table's "action" column. */
  readonly action: string;
  /** The table's "classic (reference behaviour)" column. */
  readonly classic: string;
  /** The table's "`v2` must" column. */
  readonly v2: string;
  /** Expected verdict per suite the scenario runs on (`classic-retrying` only for T2). */
  readonly expected: Readonly<Partial<Record<LabSuite, Verdict>>>;
}

const both = (classic: Verdict): Partial<Record<LabSuite, Verdict>> => ({v2: 'blocked', classic});

/** T1 … T14 in table order. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'T1', title: 'bit flip', attacker: 'net',
    action: 'flip one bit anywhere (IV, ciphertext, tag, associated field) in A1, A3 or a session request',
    classic: 'cipher does not notice (CBC, no MAC); refused later by the signature or the HMAC, with distinguishable errors',
    v2: 'reject at decryption with the single generic error; no state change', expected: both('blocked'),
  },
  {
    id: 'T2', title: 'padding oracle on A1', attacker: 'net',
    action: 'padding-oracle probe on A1',
    classic: 'blocked only because the server deletes the channel before decrypting (one query per channel); against --retrying the A1 plaintext is recovered byte by byte',
    v2: 'every answer identical; channel burnt after the first failure',
    expected: {v2: 'blocked', classic: 'blocked', 'classic-retrying': 'succeeded'},
  },
  {
    id: 'T3', title: 'replayed A1 in a new channel', attacker: 'insider',
    action: 'replay a seen A1 plaintext in a new channel',
    classic: 'new session created for the subject (no freshness); while one is live, the real subject is locked out',
    v2: 'reject; exactly one session exists', expected: both('succeeded'),
  },
  {
    id: 'T4', title: 'replayed A0, stale timestamp', attacker: 'net',
    action: 'replay A0; stale timestamp', classic: 'accepted (harmless: fresh server key)', v2: 'reject', expected: both('succeeded'),
  },
  {
    id: 'T5', title: "client's A0 key replaced", attacker: 'net',
    action: "replace the client's A0 ephemeral key",
    classic: 'not noticed at A2.2; fails late at the server with a confusing error',
    v2: 'client aborts at A2.2, sends no A1', expected: both('blocked'),
  },
  {
    id: 'T6', title: 'old signed server ephemeral', attacker: 'net+eph',
    action: 'answer A0 with an earlier signed server ephemeral whose private key the attacker knows',
    classic: 'client accepts; the attacker reads A1 (org, user, session key, signature)',
    v2: 'client aborts at A2.2', expected: both('succeeded'),
  },
  {
    id: 'T7', title: 'A3 answer from another run', attacker: 'net',
    action: 'swap the A3 answer of one run into another', classic: 'refused (different channel key)', v2: 'reject',
    expected: both('blocked'),
  },
  {
    id: 'T8', title: 'relay to a second repository', attacker: 'repo',
    action: "relay the subject's A1 to a second repository where the subject has the same key",
    classic: 'second repository creates a session', v2: 'second repository rejects (audience in the transcript)',
    expected: both('succeeded'),
  },
  {
    id: 'T9', title: 'replayed, reordered, moved request', attacker: 'net',
    action: 'replay, reorder, or move a session request to another path',
    classic: 'replay/reorder refused by the counter; moving to another path is accepted (the MAC does not cover the path)',
    v2: 'reject all three', expected: both('succeeded'),
  },
  {
    id: 'T10', title: 'invalid points', attacker: 'net',
    action: 'invalid points (off-curve, infinity, explicit parameters) as any public key',
    classic: 'refused by the key parser (the reference answers 500)', v2: 'reject before other work, 4xx',
    expected: both('blocked'),
  },
  {
    id: 'T11', title: 'signature variants, wrong label', attacker: 'net',
    action: 'signature variants (high-S, BER forms); right bytes under the wrong label',
    classic: 'not applicable (no labels, no signature-keyed cache)', v2: 'reject wrong label; replay cache not bypassed',
    expected: both('not-applicable'),
  },
  {
    id: 'T12', title: 'expired, unknown, reflected', attacker: 'net',
    action: 'expired session; unknown session id; a response reflected back as a request', classic: 'refused', v2: 'reject',
    expected: both('blocked'),
  },
  {
    id: 'T13', title: 'MAC with an empty key', attacker: 'net',
    action: "MAC computed with an empty key (what a literal Z[32:] of a raw P-256 secret gives)",
    classic: 'refused (the reference HKDF-expands to 64 bytes)', v2: 'reject', expected: both('blocked'),
  },
  {
    id: 'T14', title: 'user enumeration', attacker: 'net',
    action: 'unknown user vs bad signature vs unknown org',
    classic: 'distinguishable (404/400/403): users can be enumerated', v2: 'indistinguishable before authentication',
    expected: both('succeeded'),
  },
];

/** The catalogue entry of a scenario id (throws on an unknown id). */
export function scenarioInfo(id: ScenarioId): ScenarioInfo {
  const info = SCENARIOS.find((s) => s.id === id);
  if (!info) throw new RangeError(`unknown scenario ${id}`);
  return info;
}

/** The suites a scenario runs on (T2 also on `classic-retrying`). */
export function suitesOf(id: ScenarioId): LabSuite[] {
  return Object.keys(scenarioInfo(id).expected) as LabSuite[];
}

/** The expected verdict of a scenario on a suite, from the table. */
export function expectedVerdict(id: ScenarioId, suite: LabSuite): Verdict {
  const verdict = scenarioInfo(id).expected[suite];
  if (!verdict) throw new RangeError(`${id} does not run on ${suite}`);
  return verdict;
}

/** True for `T1` … `T14`. */
export function isScenarioId(text: string): text is ScenarioId {
  return SCENARIOS.some((s) => s.id === text);
}
