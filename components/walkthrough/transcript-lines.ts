import type {TranscriptView} from '../../src/protocol/v2/walkthrough-types.js';
import {fit, seg, type Line} from './lines.js';

/** Lines a pane wants visible: the view scrolls so that they show (the start first when they do not all fit). */
export interface Focus {
  readonly start: number;
  readonly end: number;
}

const short = (hex: string, chars: number): string => (hex.length <= chars ? hex : `${hex.slice(0, chars)}…`);

/**
 * The transcript so far: h0, then each absorbed field (row number, name, length, first bytes) with the
 * running hash after it and the named hash it closes (H_a0s … H_a3). Rows this frame touches are
 * highlighted, and the named hash the frame uses is shown on top.
 */
export function transcriptLines(view: TranscriptView, width: number): {lines: Line[]; focus: Focus} {
  const hashChars = Math.max(16, Math.min(64, width - 60));
  const lines: Line[] = [];
  if (view.uses) lines.push([seg('this step uses ', 'muted'), seg(view.uses.name, 'accent', true), seg(` = ${short(view.uses.hex, Math.max(16, width - 24))}`, 'accent')]);
  lines.push([seg(`   ${fit('h0 = SHA-256("rep-v2/1")', 42)}  → `, 'muted'), seg(short(view.h0, hashChars), 'muted')]);
  let first = -1;
  let last = -1;
  for (const row of view.rows) {
    const touched = view.touched.includes(row.row);
    if (touched && first < 0) first = lines.length;
    if (touched) last = lines.length;
    lines.push([
      seg(`${touched ? '▸' : ' '}${String(row.row).padStart(2)} `, touched ? 'accent' : 'muted'),
      seg(fit(row.name, 26), touched ? 'accent' : undefined, touched),
      seg(` ${String(row.length).padStart(3)} B ${fit(short(row.hex, 8), 9)}  → `, 'muted'),
      seg(short(row.hash, hashChars), touched ? 'accent' : undefined),
      ...(row.named ? [seg(` ${row.named}`, 'success', true)] : []),
    ]);
  }
  if (view.rows.length === 0) lines.push([seg('nothing absorbed yet: rows 1–7 are built and signed (H_a0s) at A0.3', 'muted')]);
  const end = lines.length - 1;
  return {lines, focus: first >= 0 ? {start: first, end: last} : {start: end, end}};
}
