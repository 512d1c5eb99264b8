import {expectedVerdict, scenarioInfo, SCENARIOS, suitesOf, type ScenarioInfo} from '../../src/attack/catalog.js';
import {oracleLine} from '../../src/attack/report.js';
import type {AttackResult, LabSuite} from '../../src/attack/types.js';
import {cellKey, FILTER_SUITES, type AttackLabState, type RunCell} from '../hooks/attack-lab-reducer.js';
import {seg, type Line, type Segment} from '../walkthrough/lines.js';
import {ATTACKER_MODEL, cellVerdict, fit, labelled, passMark, plural, SUITE_LABEL, verdictText, wrapWords} from './format.js';

const LABEL = 15;

/** What the hardened-suite table says for a suite (the classic column for both classic variants). */
const tableSays = (info: ScenarioInfo, suite: LabSuite) => (suite === 'v2' ? `v2 must: ${info.v2}` : `reference behaviour: ${info.classic}`);

const checkLabel = (r: AttackResult) => (r.verdict === 'blocked' ? 'stopped by' : r.verdict === 'succeeded' ? 'why it worked' : 'note');

/** One suite's section: its verdict line, then what the attacker did, both answers, the check and the attempts. */
function suiteLines(info: ScenarioInfo, suite: LabSuite, cell: RunCell | undefined, width: number): Line[] {
  const expected = expectedVerdict(info.id, suite);
  const r = cell?.status === 'done' ? cell.result : undefined;
  const head: Segment[] = [seg(`${SUITE_LABEL[suite]}  `, 'accent', true)];
  if (r) {
    head.push(passMark(cell), seg(' '), cellVerdict(cell), seg(` (expected ${verdictText(expected)}) · ${r.durationMs} ms · ${plural(r.attempts.length, 'attempt', 'attempts')}`, 'muted'));
  } else {
    head.push(cellVerdict(cell), seg(`  expected ${verdictText(expected)}`, 'muted'));
  }
  const lines: Line[] = [head];
  if (!r) {
    lines.push(...labelled('table', tableSays(info, suite), width, LABEL, 'muted'));
    if (!cell) lines.push([seg(' '.repeat(LABEL)), seg('not run yet: Enter runs it', 'muted')]);
    return lines;
  }
  // The check first: on a small terminal it is the line that matters most.
  lines.push(...labelled(checkLabel(r), r.check, width, LABEL, r.pass ? undefined : 'error'), ...labelled('did', r.action, width, LABEL));
  lines.push(...labelled('client', r.client, width, LABEL, 'client'), ...labelled('server', r.server, width, LABEL, 'server'));
  if (r.oracle && suite === 'classic-retrying') lines.push(...labelled('oracle', `${oracleLine('', r.oracle).slice(2)} · o shows it`, width, LABEL));
  r.attempts.forEach((a, i) => {
    const answer = `${a.name} → ${a.server}${a.client ? ` · client: ${a.client}` : ''}`;
    lines.push(fit([seg(i === 0 ? 'attempts'.padEnd(LABEL) : ' '.repeat(LABEL), 'muted'), seg(a.succeeded ? '! ' : '· ', a.succeeded ? 'warning' : 'muted'), seg(answer)], width));
  });
  return lines;
}

/**
 * The detail pane of the selected scenario: title and attacker model, then, for each suite shown, the verdict
 * against the expected one, what the attacker did, what the client and the server answered, and the check
 * that stopped it (or why nothing did). Before a run: what the table expects.
 */
export function detailLines(state: AttackLabState, width: number): Line[] {
  const info = scenarioInfo(SCENARIOS[state.selected].id);
  const suites = suitesOf(info.id).filter((s) => FILTER_SUITES[state.filter].includes(s));
  const lines: Line[] = [[seg(`${info.id} ${info.title}`, 'accent', true), seg(` · attacker ${info.attacker}`, 'muted')]];
  lines.push(...wrapWords(`${ATTACKER_MODEL[info.attacker]}. Action: ${info.action}.`, Math.max(8, width)).map((t) => [seg(t, 'muted')]));
  for (const suite of suites) {
    lines.push([]);
    lines.push(...suiteLines(info, suite, state.cells[cellKey(info.id, suite)], width));
  }
  return lines;
}
