import {attackLabLayout} from '../../../components/attack/screen-lines.js';
import {attackLabReducer, initialAttackLabState, type AttackLabAction, type AttackLabState} from '../../../components/hooks/attack-lab-reducer.js';
import {SCENARIOS, expectedVerdict, suitesOf} from '../../../src/attack/catalog.js';
import type {AttackResult} from '../../../src/attack/types.js';
import {lineWidth, type Line} from '../../../components/walkthrough/lines.js';

const text = (lines: readonly Line[]) => lines.map((l) => l.map((s) => s.text).join(''));
const fold = (actions: readonly AttackLabAction[], state = initialAttackLabState()) => actions.reduce(attackLabReducer, state);
const long = 'a long explanation of what happened on the wire, '.repeat(4);

/** Every scenario run on every suite with the expected verdict (what a healthy build reports). */
function allDone(): AttackLabState {
  const runs = SCENARIOS.flatMap((s) => suitesOf(s.id).map((suite) => ({id: s.id, suite})));
  const results: AttackResult[] = runs.map(({id, suite}) => {
    const verdict = expectedVerdict(id, suite);
    return {
      id, suite, verdict, expected: verdict, pass: true, title: 't', attacker: 'net', action: long, client: long, server: long, check: long,
      attempts: [{name: 'probe', server: long, succeeded: false}], detail: '', durationMs: 5,
    };
  });
  return fold([
    {type: 'run-requested', label: 'T1–T14 on v2 + classic', at: 0}, {type: 'event', event: {type: 'lab-start', runs}},
    ...results.map((result): AttackLabAction => ({type: 'event', event: {type: 'scenario-done', result}})),
    {type: 'event', event: {type: 'lab-done', results, durationMs: 11_800}},
  ]);
}

describe('attack lab layout at 80×24 (79 columns, 20 rows under the app header)', () => {
  it('fills exactly the rows it has and never runs past the edge', () => {
    for (const state of [initialAttackLabState(), allDone(), fold([{type: 'select', delta: 13, count: 14}], allDone())]) {
      const {lines} = attackLabLayout(state, 0, 79, 20);
      expect(lines).toHaveLength(20);
      for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(79);
    }
  });

  it('shows the pass count, verdict, expected and ✓ per suite, and scrolls the list to the selection', () => {
    const shown = text(attackLabLayout(allDone(), 0, 79, 20).lines);
    expect(shown[0]).toContain('T1–T14 on v2 + classic: 29/29 as expected · 11.8 s');
    expect(shown.find((l) => l.startsWith('❯ T1 '))).toMatch(/blocked +blocked +✓ +blocked +blocked +✓/);
    const last = text(attackLabLayout(fold([{type: 'select', delta: 13, count: 14}], allDone()), 0, 79, 20).lines);
    expect(last.find((l) => l.startsWith('❯ T14'))).toMatch(/blocked +blocked +✓ +succeeded succeeded ✓/);
    expect(last.some((l) => l.startsWith('  T1 '))).toBe(false);
  });

  it('the detail pane scrolls within its bounds', () => {
    const layout = attackLabLayout(allDone(), 0, 79, 20);
    expect(layout.detailMax).toBeGreaterThan(0);
    const end = attackLabLayout(fold([{type: 'detail-scroll', delta: 999, max: layout.detailMax}], allDone()), 0, 79, 20);
    expect(text(end.lines).some((l) => l.includes(`of ${layout.detailMax + layout.detailHeight} (PgUp/PgDn)`))).toBe(true);
  });

  it('the oracle view: A1 one block a row in hex and text, the counts, and the three servers', () => {
    const bytes = Buffer.from('{"org":"acme","user":"alice"}', 'utf8');
    const state = fold([
      {type: 'toggle-oracle'}, {type: 'run-requested', label: 'T2 on all three servers', at: 0},
      {type: 'event', event: {type: 'lab-start', runs: [{id: 'T2', suite: 'v2'}, {id: 'T2', suite: 'classic'}, {id: 'T2', suite: 'classic-retrying'}]}},
      {type: 'event', event: {type: 'oracle-start', suite: 'classic-retrying', totalBytes: bytes.length, blocks: 2, maxQueries: 200_000, timeLimitMs: 20_000}},
      ...[...bytes.subarray(0, 16)].reverse().map((value, i): AttackLabAction => ({
        type: 'event', event: {type: 'oracle-byte', suite: 'classic-retrying', offset: 15 - i, value, queries: 40 * (i + 1), recovered: i + 1, elapsedMs: 25 * (i + 1)},
      })),
    ]);
    const {lines} = attackLabLayout(state, 1000, 79, 20);
    const shown = text(lines);
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(79);
    expect(shown).toContain('recovering… 16/29 bytes of A1 · 640 queries · 0.4 s  caps 200000 q, 20 s');
    expect(shown).toContain('0000  7b 22 6f 72 67 22 3a 22 61 63 6d 65 22 2c 22 75  {"org":"acme","u');
    expect(shown).toContain('0010  ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ·· ··  ················');
    expect(shown.some((l) => /^classic --retrying +16\/29 bytes · 640 queries · 0\.4 s/.test(l))).toBe(true);
    expect(shown.some((l) => /^classic \(faithful\) +queued$/.test(l))).toBe(true);
  });
});
