import {assignedAfterUnicode14} from './unicode-14.js';

/**
 * A value of the classic suite's signed dictionaries: what Python's `json.loads` gives for the reference's
 * messages (str, int, list, dict, True/False/None). Floats are not used by the protocol and are refused.
 */
export type PyValue = string | number | boolean | null | readonly PyValue[] | {readonly [key: string]: PyValue};

/** Unicode "Other" and "Separator" categories: what Python's `str.isprintable()` calls non-printable. */
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/**
 * Which Python's Unicode data to follow: `'3.11'` (default; Unicode 14.0, the reference's Python) or
 * `'current'` (Node's own Unicode data, as a Python with newer data would print). They differ only for code
 * points assigned after Unicode 14 (e.g. recent emoji).
 */
export interface PyReprOptions {
  readonly unicode?: '3.11' | 'current';
}

/** Python's `str.isprintable()` for one code point (ASCII space is printable). */
export function isPyPrintable(code: number, options: PyReprOptions = {}): boolean {
  if (code === 0x20) return true;
  if (NON_PRINTABLE.test(String.fromCodePoint(code))) return false;
  return options.unicode === 'current' || !assignedAfterUnicode14(code);
}
/** A key that JavaScript objects would move to the front (an array index): key order would differ from Python's. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/**
 * Python's `repr(str)` (CPython `unicode_repr`), the rule the classic suite signs with (sio2425 README §3):
 * the quote is `'` unless the text contains `'` and no `"`; `\\`, the chosen quote, `\t` `\n` `\r` are
 * escaped; other C0 controls and DEL become `\xNN`; non-ASCII characters are kept when printable, else
 * `\xNN` (< U+0100), `\uNNNN` or `\UNNNNNNNN` (lowercase hex).
 */
export function pyStrRepr(text: string, options: PyReprOptions = {}): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f) out += ch;
    else if (isPyPrintable(code, options)) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

/**
 * Python's `str(value)` for the classic suite's dictionaries (README §3): dict → `{` + `', '`-joined
 * `repr(key): repr(value)` in insertion order + `}`, list → `[…]`, int → decimal, True/False/None.
 * The signed bytes are the UTF-8 of this text. Throws RangeError for a float or unsafe integer, and for a
 * dict key that is an array index (JavaScript would reorder it, so the text could not match Python's).
 */
export function pyRepr(value: PyValue, options: PyReprOptions = {}): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pyStrRepr(value, options);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not representable as a Python int: ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: PyValue) => pyRepr(item, options)).join(', ')}]`;
  const entries = Object.entries(value as {readonly [key: string]: PyValue});
  if (entries.some(([key]) => ARRAY_INDEX.test(key))) throw new RangeError('a dict key that is an array index cannot keep its order');
  return `{${entries.map(([key, item]) => `${pyStrRepr(key, options)}: ${pyRepr(item, options)}`).join(', ')}}`;
}

/** The signed bytes of the classic suite: UTF-8 of `str(data)` (`str(d).encode()`, README §0). */
export function signedBytes(data: PyValue, options: PyReprOptions = {}): Buffer {
  return Buffer.from(pyRepr(data, options), 'utf8');
}
