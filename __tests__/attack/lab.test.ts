// The attack lab end to end, in process: every scenario on every suite over loopback HTTP through the
// man-in-the-middle proxy, with the padding oracle capped so the run stays short.
import {runAttackLab} from '../../src/attack/lab.js';
import {SCENARIOS, expectedVerdict} from '../../src/attack/catalog.js';
import {toJsonRows} from '../../src/attack/report.js';
import type {AttackEvent, AttackResult} from '../../src/attack/types.js';

describe('rep attack: T1–T14 on v2, classic and classic-retrying', () => {
  let results: AttackResult[];
  const events: AttackEvent[] = [];

  beforeAll(async () => {
    results = await runAttackLab({oracle: {timeLimitMs: 3000}, onProgress: (e) => events.push(e)});
  }, 60_000);

  const find = (id: string, suite: string) => results.find((r) => r.id === id && r.suite === suite)!;

  it('runs every scenario on both suites (T2 also on classic-retrying), in table order', () => {
    expect(results.map((r) => `${r.id}/${r.suite}`)).toEqual(SCENARIOS.flatMap((s) => (s.id === 'T2' ? ['T2/v2', 'T2/classic', 'T2/classic-retrying'] : [`${s.id}/v2`, `${s.id}/classic`])));
  });

  it('every verdict is the one the hardened-suite table expects', () => {
    const unexpected = results.filter((r) => !r.pass).map((r) => `${r.id} ${r.suite}: ${r.verdict} (expected ${r.expected}) — ${r.detail}`);
    expect(unexpected).toEqual([]);
    for (const r of results) expect(r.expected).toBe(expectedVerdict(r.id, r.suite));
  });

  it('v2 blocks everything; classic matches the reference (succeeds where the reference is open)', () => {
    expect(results.filter((r) => r.suite === 'v2').every((r) => r.verdict === 'blocked')).toBe(true);
    const classicSucceeded = results.filter((r) => r.suite === 'classic' && r.verdict === 'succeeded').map((r) => r.id);
    expect(classicSucceeded).toEqual(['T3', 'T4', 'T6', 'T8', 'T9', 'T14']);
    expect(find('T11', 'classic').verdict).toBe('not-applicable');
  });

  it('T2: the padding oracle recovers A1 bytes against --retrying; the faithful classic server and v2 refuse after one query', () => {
    const retrying = find('T2', 'classic-retrying').oracle!;
    expect(retrying.bytesRecovered).toBeGreaterThan(0);
    expect(retrying.wrongBytes).toBe(0);
    expect(retrying.queries).toBeGreaterThan(retrying.bytesRecovered);
    for (const suite of ['v2', 'classic']) expect(find('T2', suite).oracle).toMatchObject({queries: 1, bytesRecovered: 0, stoppedBy: 'refused'});
    const bytes = events.filter((e) => e.type === 'oracle-byte');
    expect(bytes.length).toBeGreaterThanOrEqual(retrying.bytesRecovered);
    expect(events.some((e) => e.type === 'oracle-start' && e.suite === 'classic-retrying')).toBe(true);
  });

  it('each result says what the attacker did, what both sides answered and what stopped it', () => {
    for (const r of results) {
      for (const text of [r.action, r.client, r.server, r.check, r.detail]) expect(text.length).toBeGreaterThan(5);
      expect(r.attempts.length).toBeGreaterThan(0);
    }
    expect(find('T3', 'v2').check).toMatch(/A2\.2/);
    expect(find('T8', 'v2').check).toMatch(/audience/);
    expect(find('T2', 'classic').check).toMatch(/before decrypting/);
  });

  it('reports progress for a UI: lab start/done, each scenario, attempts and wire messages', () => {
    expect(events[0]).toMatchObject({type: 'lab-start'});
    expect(events.at(-1)).toMatchObject({type: 'lab-done'});
    expect(events.filter((e) => e.type === 'scenario-done')).toHaveLength(results.length);
    expect(events.some((e) => e.type === 'wire' && e.entry.action === 'altered')).toBe(true);
    expect(events.some((e) => e.type === 'attempt')).toBe(true);
  });

  it('--json rows have exactly id, suite, verdict, expected, pass, detail', () => {
    for (const row of toJsonRows(results)) expect(Object.keys(row)).toEqual(['id', 'suite', 'verdict', 'expected', 'pass', 'detail']);
  });
});
