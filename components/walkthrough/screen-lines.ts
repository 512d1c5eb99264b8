import type {Walkthrough, WalkthroughFrame} from '../../src/protocol/v2/walkthrough-types.js';
import {WALKTHROUGH_PANES, type WalkthroughState} from '../hooks/walkthrough-reducer.js';
import {fieldDetailLines, fieldListLines} from './field-lines.js';
import {keyTreeLines} from './key-lines.js';
import {fit, seg, windowLines, wrapText, type Line} from './lines.js';
import {transcriptLines, type Focus} from './transcript-lines.js';

/** Lines the app draws above every screen: title, repository line, blank line (components/Header.tsx). */
export const APP_HEADER_LINES = 3;

/** What the screen shows and how far the pane may scroll (for the reducer's up/down bounds). */
export interface ScreenLayout {
  readonly lines: Line[];
  readonly scroll: {readonly min: number; readonly max: number};
}

const SIDE_NAMES = {client: 'client', server: 'repository', both: 'client and repository'} as const;
const SIDE_TONES = {client: 'client', server: 'server', both: 'accent'} as const;

/** `prevents T5, T6 · closes W4 · property 2, 5`: the frame's ids of hardened-suite.md, grouped. */
export function preventsText(ids: readonly string[]): string {
  const attacks = ids.filter((id) => /^T\d+$/.test(id));
  const weaknesses = ids.filter((id) => /^W\d+$/.test(id));
  const properties = ids.filter((id) => id.startsWith('property ')).map((id) => id.slice('property '.length));
  return [
    attacks.length ? `prevents ${attacks.join(', ')}` : '',
    weaknesses.length ? `closes ${weaknesses.join(', ')}` : '',
    properties.length ? `${properties.length > 1 ? 'properties' : 'property'} ${properties.join(', ')}` : '',
  ].filter(Boolean).join(' · ');
}

function headLines(walkthrough: Walkthrough, frame: WalkthroughFrame, seed: string | undefined, width: number): Line[] {
  const right = `${frame.index + 1}/${walkthrough.frames.length} · ${seed === undefined ? 'random run (no seed)' : `seed ${JSON.stringify(seed)}`}`;
  const left = `${frame.id} · ${SIDE_NAMES[frame.side]} · ${frame.action}`;
  const gap = Math.max(1, width - [...left].length - [...right].length);
  const lines: Line[] = [[seg(frame.id, 'accent', true), seg(` · ${SIDE_NAMES[frame.side]}`, SIDE_TONES[frame.side]), seg(` · ${frame.action}`), seg(' '.repeat(gap)), seg(right, 'muted')]];
  lines.push([seg(fit(frame.title, width).trimEnd(), undefined, true)]);
  if (frame.message) {
    const m = frame.message;
    const http = m.direction === 'request' ? `POST ${m.path}` : `${m.status} answer to POST ${m.path}`;
    lines.push([seg(`${SIDE_NAMES[m.from]} → ${SIDE_NAMES[m.to]}`, SIDE_TONES[m.from]), seg(`  ${http} · ${m.bytes} bytes of JSON`, 'muted')]);
  }
  for (const text of wrapText(frame.explanation, width)) lines.push([seg(text)]);
  lines.push([seg(fit(preventsText(frame.prevents), width).trimEnd(), 'warning')]);
  return lines;
}

function paneContent(frame: WalkthroughFrame, state: WalkthroughState, width: number): {lines: Line[]; focus: Focus; scrolls: boolean} {
  if (state.pane === 'keys') return {...keyTreeLines(frame.keySchedule, frame.id, width), scrolls: true};
  if (state.pane === 'transcript') return {...transcriptLines(frame.transcript, width), scrolls: true};
  const field = frame.fields[state.selected];
  if (state.expanded && field) return {lines: fieldDetailLines(field, width), focus: {start: 0, end: 0}, scrolls: true};
  const list = fieldListLines(frame.fields, state.selected, width);
  return {lines: list.lines, focus: {start: list.start, end: list.end}, scrolls: false};
}

function footerLines(state: WalkthroughState, width: number): Line[] {
  const move = state.pane === 'bytes' && !state.expanded ? '↑/↓ field' : '↑/↓ scroll';
  const expand = state.pane === 'bytes' ? (state.expanded ? ' · space fold' : ' · space expand') : '';
  const lines: Line[] = [[seg(fit(`←/→ step · ${move}${expand} · tab pane · e export · esc back · q quit`, width).trimEnd(), 'muted')]];
  const exported = state.exported;
  if (exported.status === 'done') {
    for (const text of wrapText(`exported ${exported.json} and ${exported.markdown}`, width)) lines.push([seg(text, 'success')]);
  } else if (exported.status === 'failed') {
    for (const text of wrapText(`export failed: ${exported.message}`, width)) lines.push([seg(text, 'error')]);
  }
  return lines;
}

/**
 * Lays out the walkthrough screen as lines for a terminal of `columns` × `rows`: the frame's header (id,
 * side, position, seed), title, explanation and what it prevents, a tab bar with the transcript hash so
 * far, the current pane (labelled bytes, key schedule tree or transcript) cut to the height left, and the
 * key line. The app's own header is accounted for; one line stays free so Ink never scrolls the terminal.
 */
export function screenLines(walkthrough: Walkthrough, frame: WalkthroughFrame, state: WalkthroughState, columns: number, rows: number, seed?: string): ScreenLayout {
  const width = Math.max(40, columns);
  const head = headLines(walkthrough, frame, seed, width);
  const footer = footerLines(state, width);
  const height = Math.max(3, rows - 1 - APP_HEADER_LINES - head.length - 1 - footer.length);
  const pane = paneContent(frame, state, width);
  const maxOffset = Math.max(0, pane.lines.length - height);
  const base = Math.max(0, Math.min(maxOffset, Math.min(pane.focus.start, pane.focus.end - height + 1)));
  const shown = windowLines(pane.lines, pane.scrolls ? base + state.scroll : base, height);
  const total = walkthrough.frames[walkthrough.frames.length - 1].transcript.rows.length;
  const range = pane.lines.length > height ? ` · lines ${shown.offset + 1}–${shown.offset + shown.lines.length}/${pane.lines.length}` : '';
  const tabs: Line = [
    ...WALKTHROUGH_PANES.flatMap((name) => [name === state.pane ? seg(`[${name}]`, 'selected', true) : seg(` ${name} `, 'muted'), seg(' ')]),
    seg(fit(`transcript ${frame.transcript.rows.length}/${total} ${frame.transcript.current.slice(0, 8)}…${range}`, Math.max(0, width - 29)).trimEnd(), 'muted'),
  ];
  return {
    lines: [...head, tabs, ...shown.lines, ...footer],
    scroll: pane.scrolls ? {min: -base, max: maxOffset - base} : {min: 0, max: 0},
  };
}
