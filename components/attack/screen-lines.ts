import type {AttackLabState} from '../hooks/attack-lab-reducer.js';
import {seg, type Line} from '../walkthrough/lines.js';
import {detailLines} from './detail-lines.js';
import {fit, FILTER_LABEL, seconds} from './format.js';
import {listHeading, listLines} from './list-lines.js';
import {oracleLines} from './oracle-lines.js';

/** The laid-out screen and the scroll bounds the keys need. */
export interface AttackLabLayout {
  readonly lines: readonly Line[];
  /** Detail pane: lines shown and the largest scroll. */
  readonly detailHeight: number;
  readonly detailMax: number;
  /** Oracle view: the first block row shown and the largest. */
  readonly oracleTop: number;
  readonly oracleMaxTop: number;
}

const HINTS = {
  idle: 'Enter run it · r run all · Tab suites · o oracle · PgDn detail · Esc back',
  running: 'c cancel · ↑/↓ select · Tab suites · o oracle · PgDn detail · Esc back',
  oracle: 'Enter run T2 on all three servers · ↑/↓ scroll · o or Esc list',
  oracleRunning: 'c cancel · ↑/↓ scroll · o or Esc list',
} as const;

/** The top line: the suites shown, then the run's state (progress, outcome, cancel or failure). */
export function statusLine(state: AttackLabState, now: number): Line {
  const line: Line = [seg('suites ', 'muted'), seg(FILTER_LABEL[state.filter], 'accent', true), seg(' · ', 'muted')];
  const run = state.run;
  switch (run.status) {
    case 'idle':
      return [...line, seg('T1–T14 of the hardened-suite table, run for real on loopback', 'muted')];
    case 'running': {
      const what = run.cancelling ? 'cancelling' : `running ${run.label}`;
      const where = run.current ? ` · ${run.current}${run.activity ? `: ${run.activity}` : ''}` : ' · starting the repositories';
      return [...line, seg(`● ${what} `, 'accent', true), seg(`${run.done}/${run.total} · ${seconds(now - run.startedAt)}${where}`)];
    }
    case 'done': {
      const all = run.passed === run.total;
      return [...line, seg(`${run.label}: ${run.passed}/${run.total} as expected`, all ? 'success' : 'error', true), seg(` · ${seconds(run.durationMs)}`, 'muted')];
    }
    case 'cancelled':
      return [...line, seg(`${run.label} cancelled after ${run.done}/${run.total}`, 'warning', true)];
    case 'failed':
      return [...line, seg(`${run.label} failed: ${run.message}`, 'error', true)];
  }
}

/**
 * The whole screen in `height` lines of `width` columns. List view: status, heading, the scenario list (it
 * scrolls), a rule, the selected scenario's detail (it scrolls) and the keys. Oracle view: the live T2 view.
 */
export function attackLabLayout(state: AttackLabState, now: number, width: number, height: number): AttackLabLayout {
  const running = state.run.status === 'running';
  if (state.view === 'oracle') {
    const oracle = oracleLines(state, Math.max(4, height - 2));
    const footer: Line = [seg(running ? HINTS.oracleRunning : HINTS.oracle, 'muted')];
    const blank = Array.from({length: Math.max(0, height - 2 - oracle.lines.length)}, (): Line => []);
    return {lines: [statusLine(state, now), ...oracle.lines, ...blank, footer].map((l) => fit(l, width)), detailHeight: 0, detailMax: 0, oracleTop: oracle.top, oracleMaxTop: oracle.maxTop};
  }
  const rest = Math.max(4, height - 4);
  const list = listLines(state, width, Math.ceil(rest / 2));
  const detailHeight = Math.max(2, rest - list.lines.length);
  const detail = detailLines(state, width);
  const detailMax = Math.max(0, detail.length - detailHeight);
  const scroll = Math.min(state.detailScroll, detailMax);
  const more = detailMax > 0 ? ` lines ${scroll + 1}–${scroll + detailHeight} of ${detail.length} (PgUp/PgDn) ` : ' ';
  const rule: Line = [seg(`── detail${more}`.padEnd(width, '─'), 'muted')];
  const lines = [
    statusLine(state, now), listHeading(state, width), ...list.lines, rule, ...detail.slice(scroll, scroll + detailHeight),
    ...Array.from({length: Math.max(0, detailHeight - (detail.length - scroll))}, (): Line => []),
    [seg(running ? HINTS.running : HINTS.idle, 'muted')],
  ];
  return {lines: lines.map((l) => fit(l, width)), detailHeight, detailMax, oracleTop: 0, oracleMaxTop: 0};
}
