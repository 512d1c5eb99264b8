import type {LabSuite} from '../../src/attack/types.js';
import {cellKey, type AttackLabState, type OracleProgress} from '../hooks/attack-lab-reducer.js';
import {seg, type Line, type Segment} from '../walkthrough/lines.js';
import {cellVerdict, pad, passMark, plural, seconds, SUITE_LABEL} from './format.js';

const BLOCK = 16;
/** `0000  ` + 16 × `xx ` + ` ` + 16 characters. */
export const DUMP_WIDTH = 6 + BLOCK * 3 + 1 + BLOCK;

/** Adds text to a line, merging it with the last segment when the tone is the same. */
function push(line: Segment[], text: string, tone?: Segment['tone']): void {
  const last = line[line.length - 1];
  if (last && last.tone === tone && !last.bold) line[line.length - 1] = {...last, text: last.text + text};
  else line.push(seg(text, tone));
}

const printable = (v: number) => (v >= 0x20 && v < 0x7f ? String.fromCharCode(v) : '.');

/** One AES block of the A1 plaintext: offset, hex, text; unknown bytes `··`/`·`, padding muted. */
export function blockLine(oracle: OracleProgress, block: number): Line {
  const line: Segment[] = [];
  push(line, `${(block * BLOCK).toString(16).padStart(4, '0')}  `, 'muted');
  const tone = (offset: number) => (oracle.bytes[offset] === undefined || offset >= oracle.totalBytes ? 'muted' : 'success');
  for (let i = 0; i < BLOCK; i++) {
    const offset = block * BLOCK + i;
    const value = oracle.bytes[offset];
    push(line, value === undefined ? '·· ' : `${value.toString(16).padStart(2, '0')} `, tone(offset));
  }
  push(line, ' ');
  for (let i = 0; i < BLOCK; i++) {
    const offset = block * BLOCK + i;
    const value = oracle.bytes[offset];
    push(line, value === undefined ? '·' : offset >= oracle.totalBytes ? '_' : printable(value), tone(offset));
  }
  return line;
}

/** The first block that still has unknown plaintext bytes (the view follows it), or the last block. */
export function followBlock(oracle: OracleProgress): number {
  for (let b = 0; b < oracle.blocks; b++) {
    for (let i = b * BLOCK; i < Math.min((b + 1) * BLOCK, oracle.totalBytes); i++) if (oracle.bytes[i] === undefined) return b;
  }
  return Math.max(0, oracle.blocks - 1);
}

/** Plaintext bytes of A1 recovered so far (its padding left out). */
export const knownBytes = (oracle: OracleProgress): number => oracle.bytes.slice(0, oracle.totalBytes).filter((b) => b !== undefined).length;

/** The progress line: bytes recovered of A1, queries and elapsed time, and why it stopped once it has. */
export function oracleStatus(oracle: OracleProgress): Line {
  const known = knownBytes(oracle);
  const figures = `${known}/${oracle.totalBytes} bytes of A1 · ${plural(oracle.queries, 'query', 'queries')} · ${seconds(oracle.elapsedMs)}`;
  if (!oracle.report) return [seg('recovering… ', 'accent', true), seg(figures), seg(`  caps ${oracle.maxQueries} q, ${Math.round(oracle.timeLimitMs / 1000)} s`, 'muted')];
  const whole = oracle.report.stoppedBy === 'complete';
  return [seg(whole ? 'recovered ' : `stopped (${oracle.report.stoppedBy}) `, whole ? 'warning' : 'accent', true), seg(figures), seg(` · ${oracle.report.wrongBytes} wrong`, 'muted')];
}

/** The same attack on each server: the `--retrying` variant leaks, the faithful classic server and v2 refuse at once. */
export function comparisonLines(state: AttackLabState): Line[] {
  const row = (suite: LabSuite): Line => {
    const cell = state.cells[cellKey('T2', suite)];
    const r = cell?.status === 'done' ? cell.result : undefined;
    let text: string;
    if (suite === 'classic-retrying' && state.oracle) {
      const o = state.oracle;
      text = `${knownBytes(o)}/${o.totalBytes} bytes · ${plural(o.queries, 'query', 'queries')} · ${seconds(o.elapsedMs)}`;
    } else if (r?.oracle) {
      text = r.oracle.stoppedBy === 'refused' ? `refused after ${plural(r.oracle.queries, 'query', 'queries')} · 0 bytes` : `${r.oracle.bytesRecovered} bytes recovered`;
    } else text = cell ? '' : 'not run';
    return [seg(pad(SUITE_LABEL[suite], 20), 'accent'), seg(pad(text, 42)), passMark(cell), seg(' '), cellVerdict(cell)];
  };
  return [row('classic-retrying'), row('classic'), row('v2')];
}

/**
 * The padding-oracle view: the progress line, the same attack against the three servers, then the A1
 * plaintext one AES block a row (hex and text) filling in byte by byte, in a window of `height` lines that
 * follows the blocks being recovered (then shows the start) unless scrolled (`state.oracleTop`).
 */
export function oracleLines(state: AttackLabState, height: number): {lines: Line[]; top: number; maxTop: number} {
  const o = state.oracle;
  const lines: Line[] = [[seg('T2 padding oracle on A1', 'accent', true), seg(' · live, against the classic server with --retrying', 'muted')]];
  const idle = state.run.status === 'running' ? 'T2 on --retrying has not started in this run yet' : 'not run yet: Enter runs T2 on v2, classic and classic --retrying';
  lines.push(o ? oracleStatus(o) : [seg(idle, 'muted')]);
  lines.push([], ...comparisonLines(state), []);
  if (!o) return {lines, top: 0, maxTop: 0};
  lines.push([seg(`${pad('', 6)}${pad('A1 plaintext, one AES block a row (hex)', BLOCK * 3 + 1)}text`, 'muted')]);
  const rows = Math.max(1, height - lines.length);
  const maxTop = Math.max(0, o.blocks - rows);
  const follow = o.report ? 0 : followBlock(o) - 1;
  const top = Math.max(0, Math.min(maxTop, state.oracleTop ?? follow));
  for (let b = top; b < Math.min(o.blocks, top + rows); b++) lines.push(blockLine(o, b));
  return {lines, top, maxTop};
}
