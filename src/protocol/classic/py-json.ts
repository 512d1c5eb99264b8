import type {PyValue} from './py-repr.js';

/** Options of {@link pyJsonDumps}: Python `json.dumps` keyword arguments the reference uses. */
export interface PyJsonOptions {
  /** `indent=n` (Flask's pretty `jsonify`): one item per line, `,` then newline, `": "` after keys. */
  readonly indent?: number;
  /** `sort_keys=True` (Flask's `jsonify`), by code point. */
  readonly sortKeys?: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'};

/**
 * A JSON string as Python's encoder writes it with `ensure_ascii=True`: `"` `\\` and `\b\f\n\r\t` escaped
 * by name, every other character outside ' '..'~' (DEL and non-ASCII included) as `\uxxxx` lowercase,
 * astral characters as their surrogate pair (JavaScript strings are already UTF-16, so one escape per unit).
 */
export function pyJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * Python's `json.dumps(value)` with the defaults the reference relies on (sio2425 README §0): separators
 * `", "` and `": "`, `ensure_ascii=True`, insertion order — the encrypted plaintexts, the message bodies and
 * the session file. With `indent`/`sortKeys` it is Flask's pretty `jsonify` body (without its final newline).
 */
export function pyJsonDumps(value: PyValue, options: PyJsonOptions = {}, depth = 0): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pyJsonString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a JSON integer Python would write the same way: ${value}`);
    return String(value);
  }
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  const items: string[] = Array.isArray(value)
    ? value.map((item: PyValue) => pyJsonDumps(item, options, depth + 1))
    : Object.entries(value as {readonly [key: string]: PyValue})
      .sort(options.sortKeys ? ([a], [b]) => byCodePoint(a, b) : () => 0)
      .map(([key, item]) => `${pyJsonString(key)}: ${pyJsonDumps(item, options, depth + 1)}`);
  if (items.length === 0) return open + close;
  if (options.indent === undefined) return `${open}${items.join(', ')}${close}`;
  const pad = (level: number) => `\n${' '.repeat(options.indent! * level)}`;
  return `${open}${pad(depth + 1)}${items.join(`,${pad(depth + 1)}`)}${pad(depth)}${close}`;
}
