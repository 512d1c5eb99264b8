import type {AttackerModel, LabSuite, Verdict} from '../../src/attack/types.js';
import type {RunCell, SuiteFilter} from '../hooks/attack-lab-reducer.js';
import {seg, type Line, type Segment} from '../walkthrough/lines.js';

/** Cuts `text` to `width` characters (marking the cut with `…`) and pads it to exactly `width`. */
export function pad(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  return (chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : text).padEnd(width);
}

/** How a filter reads in the status line. */
export const FILTER_LABEL: Readonly<Record<SuiteFilter, string>> = {both: 'v2 + classic', v2: 'v2', classic: 'classic'};

/** The suite columns of the list: classic's `--retrying` variant sits under classic, on a row of its own. */
export const FILTER_COLUMNS: Readonly<Record<SuiteFilter, readonly LabSuite[]>> = {both: ['v2', 'classic'], v2: ['v2'], classic: ['classic']};

export const SUITE_LABEL: Readonly<Record<LabSuite, string>> = {v2: 'v2', classic: 'classic (faithful)', 'classic-retrying': 'classic --retrying'};

/** The attacker models of the hardened-suite table, in a few words. */
export const ATTACKER_MODEL: Readonly<Record<AttackerModel, string>> = {
  net: 'reads, drops, alters and injects on the wire; knows no private key',
  'net+eph': 'net, and knows the private key of one server ephemeral of an earlier run',
  repo: 'a malicious repository the subject talks to',
  insider: 'saw one A1 plaintext',
};

export const verdictText = (verdict: Verdict): string => (verdict === 'not-applicable' ? 'n/a' : verdict);

/** An attack stopped reads as good news, one that worked as a warning. */
export const verdictTone = (verdict: Verdict): Segment['tone'] =>
  verdict === 'blocked' ? 'success' : verdict === 'succeeded' ? 'warning' : 'muted';

/** The verdict column of a cell: the verdict once done, else the run's state (`·` before any run). */
export function cellVerdict(cell: RunCell | undefined): Segment {
  if (!cell) return seg('·', 'muted');
  if (cell.status === 'done' && cell.result) return seg(verdictText(cell.result.verdict), verdictTone(cell.result.verdict), true);
  return seg(cell.status === 'running' ? 'running…' : cell.status, cell.status === 'running' ? 'accent' : 'muted');
}

/** ✓ when the verdict is the expected one, ✗ when not, blank before the result. */
export function passMark(cell: RunCell | undefined): Segment {
  if (cell?.status !== 'done' || !cell.result) return seg(' ');
  return cell.result.pass ? seg('✓', 'success', true) : seg('✗', 'error', true);
}

/** Seconds with one decimal: `4.3 s`. */
export const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** `1 query`, `2 queries`. */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * A labelled paragraph: `label` in a column of `labelWidth`, the text word-wrapped beside it (hanging indent).
 */
export function labelled(label: string, text: string, width: number, labelWidth: number, tone?: Segment['tone']): Line[] {
  const body = Math.max(8, width - labelWidth);
  return wrapWords(text, body).map((part, i) => [seg(i === 0 ? pad(label, labelWidth) : ' '.repeat(labelWidth), 'muted'), seg(part, tone)]);
}

/** Word-wraps text to `width` columns (words longer than a line are cut). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while ([...rest].length > width) {
      if (current) out.push(current);
      out.push(rest.slice(0, width));
      rest = rest.slice(width);
      current = '';
    }
    if (!current) current = rest;
    else if ([...current].length + 1 + [...rest].length <= width) current += ` ${rest}`;
    else {
      out.push(current);
      current = rest;
    }
  }
  if (current || out.length === 0) out.push(current);
  return out;
}

/** A line cut to `width` visible characters. */
export function fit(line: Line, width: number): Line {
  const out: Segment[] = [];
  let left = width;
  for (const s of line) {
    if (left <= 0) break;
    const chars = [...s.text];
    out.push(chars.length <= left ? s : {...s, text: `${chars.slice(0, Math.max(0, left - 1)).join('')}…`});
    left -= chars.length;
  }
  return out;
}
