import type {Theme} from '../theme.js';

/** A run of text in one style; `tone` names a colour token of the theme. */
export interface Segment {
  readonly text: string;
  readonly tone?: keyof Theme;
  readonly bold?: boolean;
}

/** One terminal line: its segments. The views lay out exactly these lines, so heights are known. */
export type Line = readonly Segment[];

/** Bytes shown before a long value is folded. */
export const FOLD_BYTES = 16;

export const seg = (text: string, tone?: keyof Theme, bold?: boolean): Segment => ({text, ...(tone ? {tone} : {}), ...(bold ? {bold} : {})});

/** Visible length of a line. */
export const lineWidth = (line: Line): number => line.reduce((n, s) => n + [...s.text].length, 0);

/** Word-wraps text to `width` columns (words longer than a line are cut). */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(8, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while ([...rest].length > max) {
        if (current) out.push(current);
        out.push(rest.slice(0, max));
        rest = rest.slice(max);
        current = '';
      }
      if (!current) current = rest;
      else if ([...current].length + 1 + [...rest].length <= max) current += ` ${rest}`;
      else {
        out.push(current);
        current = rest;
      }
    }
    out.push(current);
  }
  return out;
}

/** Hex folded to its first {@link FOLD_BYTES} bytes and the length, e.g. `042c5586…(65 bytes)`; short values whole. */
export function foldHex(hex: string, length = hex.length / 2, bytes = FOLD_BYTES): string {
  return length <= bytes ? hex : `${hex.slice(0, bytes * 2)}…(${length} bytes)`;
}

/** A hex dump: `offset  xx xx … xx`, `perLine` bytes a line. */
export function hexDump(hex: string, perLine: number): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset * 2 < hex.length; offset += perLine) {
    const bytes = hex.slice(offset * 2, (offset + perLine) * 2).match(/../g) ?? [];
    lines.push(`${offset.toString(16).padStart(4, '0')}  ${bytes.join(' ')}`);
  }
  return lines;
}

/** Bytes per hex-dump line that fit in `width` columns (a multiple of 4, at least 4). */
export const dumpBytesPerLine = (width: number): number => Math.max(4, Math.min(32, Math.floor((width - 6) / 3 / 4) * 4));

/** Pads or cuts text to exactly `width` columns. */
export const fit = (text: string, width: number): string => {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : text.padEnd(width);
};

/** A window of `height` lines starting at `offset`, clamped to the content. */
export function windowLines(lines: readonly Line[], offset: number, height: number): {lines: Line[]; offset: number} {
  const max = Math.max(0, lines.length - height);
  const start = Math.max(0, Math.min(max, offset));
  return {lines: lines.slice(start, start + height), offset: start};
}
