import {u64be} from '../../crypto/bytes.js';
import type {StepRecord, TraceValue} from '../steps.js';
import {FinishedLabel, SignatureLabel, TIMESTAMP_FUTURE_MS, TIMESTAMP_PAST_MS} from './constants.js';
import {signatureInput} from './key-schedule.js';
import {MESSAGE_MEANINGS, traceMeaning} from './walkthrough-meanings.js';
import {namedHash} from './walkthrough-transcript.js';
import type {LabelledField, TranscriptRow, WalkthroughMessageId} from './walkthrough-types.js';

/** Trace and JSON names whose values are text, never bytes. */
const TEXT = new Set(['version', 'organization', 'username', 'label', 'plaintext']);
/** Names whose numeric values are times (shown as ms and ISO, and as their u64be transcript bytes). */
const TIMES = new Set(['timestamp', 'expires_at']);

const iso = (ms: number): string => new Date(ms).toISOString();

function valueField(name: string, meaning: string, group: LabelledField['group'], value: TraceValue): LabelledField {
  if (typeof value === 'number' && TIMES.has(name)) {
    const bytes = u64be(value);
    return {name, meaning, group, text: `${value} (${iso(value)})`, hex: bytes.toString('hex'), length: bytes.length};
  }
  if (typeof value === 'string' && !TEXT.has(name) && /^(?:[0-9a-f]{2})+$/.test(value)) {
    return {name, meaning, group, hex: value, length: value.length / 2};
  }
  return {name, meaning, group, text: String(value)};
}

/** The inputs and outputs of a recorded sub-step, labelled (durations are left out: they are not reproducible). */
export function stepFields(record: StepRecord, uses?: string): LabelledField[] {
  const entries = (values: Readonly<Record<string, TraceValue>>, group: 'input' | 'output') =>
    Object.entries(values).map(([name, value]) => valueField(name, traceMeaning(record.step, name, uses), group, value));
  return [...entries(record.inputs, 'input'), ...entries(record.outputs, 'output')];
}

/**
 * The JSON fields of a message body (or of a sealed plaintext, with `prefix` `P1.`/`P2.`): base64url values
 * decoded to hex with their length, names as text, times as ms, ISO and u64be.
 */
export function jsonFields(id: WalkthroughMessageId | 'P1' | 'P2', body: Readonly<Record<string, unknown>>, group: 'message' | 'sealed'): LabelledField[] {
  const meanings = MESSAGE_MEANINGS[id];
  const prefix = group === 'sealed' ? `${id}.` : '';
  return Object.entries(body).map(([key, value]) => {
    const meaning = meanings[key] ?? key;
    const name = `${prefix}${key}`;
    if (typeof value === 'number') return {...valueField(key, meaning, group, value), name};
    const text = String(value);
    if (TEXT.has(key)) return {name, meaning, group, text};
    const bytes = Buffer.from(text, 'base64url');
    return {name, meaning, group, hex: bytes.toString('hex'), length: bytes.length, wire: text};
  });
}

const derived = (name: string, bytes: Buffer): LabelledField => ({name, meaning: traceMeaning('', name), group: 'derived', hex: bytes.toString('hex'), length: bytes.length});
const signed = (label: string, hash: string) => derived('signed_bytes', signatureInput(label, Buffer.from(hash, 'hex')));
const macInput = (label: string, hash: string) => derived('mac_input', signatureInput(label, Buffer.from(hash, 'hex')));

/** Values a step works on that its trace does not carry: the exact signed or MACed bytes, the time window. */
export function derivedFields(step: string, rows: readonly TranscriptRow[], now: number): LabelledField[] {
  const h = (name: string) => namedHash(rows, name);
  switch (step) {
    case 'A0.2':
      return [{name: 'window', meaning: traceMeaning('', 'window'), group: 'derived', text: `${iso(now - TIMESTAMP_PAST_MS)} … ${iso(now + TIMESTAMP_FUTURE_MS)}`}];
    case 'A0.3':
    case 'A0.5':
      return [signed(SignatureLabel.ServerA0, h('H_a0s'))];
    case 'A1.1':
    case 'A2.2':
      return [signed(SignatureLabel.ClientA1, h('H_a1s'))];
    case 'A2.3':
    case 'A3.2':
      return [signed(SignatureLabel.ServerA2, h('H_a2s'))];
    case 'A3.4':
      return [macInput(FinishedLabel.Client, h('H_a2'))];
    case 'A3.5':
    case 'A3.6':
      return [macInput(FinishedLabel.Server, h('H_a3'))];
    default:
      return [];
  }
}
