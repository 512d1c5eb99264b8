import {expectedVerdict, SCENARIOS} from '../../src/attack/catalog.js';
import type {LabSuite} from '../../src/attack/types.js';
import {cellKey, type AttackLabState} from '../hooks/attack-lab-reducer.js';
import {seg, type Line} from '../walkthrough/lines.js';
import {cellVerdict, FILTER_COLUMNS, pad, passMark, verdictText} from './format.js';

/** Widths of one suite's cell: verdict, expected verdict, pass mark (after two spaces). */
const VERDICT = 10;
const EXPECTED = 10;
const MARK = 2;
const SUITE_CELL = 2 + VERDICT + EXPECTED + MARK;
/** Marker `❯ ` and the id column `T14 `. */
const LEAD = 6;

/** The title column's width for `width` columns and `suites` suite cells. */
export const titleWidth = (width: number, suites: number): number => Math.max(8, width - LEAD - suites * SUITE_CELL);

/** The heading line: id, scenario, then per suite its name over the verdict, "expected" and "ok". */
export function listHeading(state: Pick<AttackLabState, 'filter'>, width: number): Line {
  const columns = FILTER_COLUMNS[state.filter];
  const line = [seg(`  ${pad('id', 4)}${pad('scenario', titleWidth(width, columns.length))}`, 'muted')];
  for (const suite of columns) line.push(seg(`  ${pad(suite, VERDICT)}`, undefined, true), seg(`${pad('expected', EXPECTED)}${pad('ok', MARK)}`, 'muted'));
  return line;
}

function suiteCell(state: AttackLabState, id: (typeof SCENARIOS)[number]['id'], suite: LabSuite): Line {
  const cell = state.cells[cellKey(id, suite)];
  const verdict = cellVerdict(cell);
  return [seg('  '), {...verdict, text: pad(verdict.text, VERDICT)}, seg(pad(verdictText(expectedVerdict(id, suite)), EXPECTED), 'muted'), passMark(cell), seg(' ')];
}

/** Every row of the list (T2 gets a second row for `--retrying` when classic shows) and where each scenario starts. */
export function listRows(state: AttackLabState, width: number): {rows: Line[]; first: number[]} {
  const columns = FILTER_COLUMNS[state.filter];
  const title = titleWidth(width, columns.length);
  const rows: Line[] = [];
  const first: number[] = [];
  SCENARIOS.forEach((s, index) => {
    const selected = index === state.selected;
    first.push(rows.length);
    const lead = seg(`${selected ? '❯ ' : '  '}${pad(s.id, 4)}${pad(s.title, title)}`, selected ? 'selected' : undefined, selected);
    rows.push([lead, ...columns.flatMap((suite) => suiteCell(state, s.id, suite))]);
    if (s.id === 'T2' && columns.includes('classic')) {
      const blank = columns.filter((c) => c !== 'classic').map(() => seg(' '.repeat(SUITE_CELL)));
      const sub = seg(`${' '.repeat(LEAD)}${pad('↳ classic --retrying', title)}`, 'muted');
      rows.push([sub, ...(columns[0] === 'v2' ? blank : []), ...suiteCell(state, s.id, 'classic-retrying')]);
    }
  });
  return {rows, first};
}

/** The first row of a window of `height` rows over `count` that keeps `index` in view (centred when it can). */
export const windowStart = (index: number, count: number, height: number): number =>
  Math.max(0, Math.min(index - Math.floor(height / 2), count - height));

/** The list's rows that fit in `height`, scrolled to keep the selected scenario (and its --retrying row) in view. */
export function listLines(state: AttackLabState, width: number, height: number): {lines: Line[]; hidden: number} {
  const {rows, first} = listRows(state, width);
  const start = windowStart(first[state.selected], rows.length, Math.max(1, height));
  const lines = rows.slice(start, start + Math.max(1, height));
  return {lines, hidden: rows.length - lines.length};
}
