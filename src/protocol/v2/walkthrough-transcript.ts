import {hex} from '../steps.js';
import type {TranscriptEntry} from '../transcript.js';
import type {TranscriptRow, TranscriptView} from './walkthrough-types.js';

/** Named hashes of docs/PROTOCOL.md §3: the row after which each is taken. */
export const NAMED_HASHES: Readonly<Record<number, string>> = {7: 'H_a0s', 8: 'H_a0', 11: 'H_a1s', 12: 'H_a1', 15: 'H_a2s', 16: 'H_a2', 17: 'H_a3'};
const ROW_OF: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(NAMED_HASHES).map(([row, name]) => [name, Number(row)]));

/** How far the transcript has got at a frame, what the frame touches and which named hash it uses. */
interface TranscriptSpec {
  readonly through: number;
  readonly touched?: readonly number[];
  readonly uses?: string;
}

const range = (from: number, to: number): number[] => Array.from({length: to - from + 1}, (_, i) => from + i);

/** Per frame id (§13 step ids and message ids). `through` only grows: the list shows the run so far. */
const SPECS: Readonly<Record<string, TranscriptSpec>> = {
  setup: {through: 0},
  'A0.1': {through: 0},
  'A0 request': {through: 0},
  'A0.2': {through: 0},
  'A0.3': {through: 7, touched: range(1, 7), uses: 'H_a0s'},
  'A0.4': {through: 8, touched: [8], uses: 'H_a0'},
  'A0 answer': {through: 8, touched: range(5, 8)},
  'A0.5': {through: 8, touched: range(1, 7), uses: 'H_a0s'},
  'A0.6': {through: 8, touched: [8], uses: 'H_a0'},
  'A1.1': {through: 12, touched: range(9, 12), uses: 'H_a1s'},
  'A1.2': {through: 12, touched: [8], uses: 'H_a0'},
  'A1 request': {through: 12, touched: range(9, 12)},
  'A2.1': {through: 12, touched: [8], uses: 'H_a0'},
  'A2.2': {through: 12, touched: range(9, 12), uses: 'H_a1s'},
  'A2.3': {through: 16, touched: range(13, 16), uses: 'H_a2s'},
  'A2.4': {through: 16, touched: [16], uses: 'H_a2'},
  'A2.5': {through: 16, touched: [12], uses: 'H_a1'},
  'A2 answer': {through: 16, touched: range(13, 16)},
  'A3.1': {through: 16, touched: [12], uses: 'H_a1'},
  'A3.2': {through: 16, touched: range(13, 16), uses: 'H_a2s'},
  'A3.3': {through: 16, touched: [16], uses: 'H_a2'},
  'A3.4': {through: 17, touched: [17], uses: 'H_a2'},
  'A3 request': {through: 17, touched: [17]},
  'A3.5': {through: 17, touched: [17], uses: 'H_a3'},
  'A3 answer': {through: 17, uses: 'H_a3'},
  'A3.6': {through: 17, uses: 'H_a3'},
  'A3.7': {through: 17, uses: 'H_a3'},
};

/** The seventeen rows of the run's final transcript (§3), numbered and with their named hashes. */
export function transcriptRows(entries: readonly TranscriptEntry[]): TranscriptRow[] {
  return entries.map((entry, i) => ({
    row: i + 1, name: entry.name, hex: hex(entry.value), length: entry.value.length, hash: hex(entry.hash),
    ...(NAMED_HASHES[i + 1] ? {named: NAMED_HASHES[i + 1]} : {}),
  }));
}

/** The hash named `name` (`H_a0s` … `H_a3`) in the rows, hex. */
export function namedHash(rows: readonly TranscriptRow[], name: string): string {
  return rows[ROW_OF[name] - 1].hash;
}

/** The transcript view of the frame `id`: rows absorbed so far, touched rows and the named hash it uses. */
export function transcriptView(id: string, rows: readonly TranscriptRow[], h0: string): TranscriptView {
  const spec = SPECS[id];
  if (!spec) throw new Error(`no transcript spec for walkthrough frame ${id}`);
  const shown = rows.slice(0, spec.through);
  return {
    h0,
    rows: shown,
    touched: spec.touched ?? [],
    ...(spec.uses ? {uses: {name: spec.uses, hex: namedHash(rows, spec.uses)}} : {}),
    current: shown.length > 0 ? shown[shown.length - 1].hash : h0,
  };
}
