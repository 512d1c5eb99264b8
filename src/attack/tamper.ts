/** Binary encodings of JSON fields: v2 uses unpadded base64url, classic standard padded base64. */
export type FieldEncoding = 'base64url' | 'base64';

type JsonRecord = Record<string, unknown>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The value at a dotted path (`data.message`), or undefined. */
export function getField(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as JsonRecord)[key];
  }
  return value;
}

/** A copy of `body` with the field at a dotted path set to `value`. */
export function setField<T>(body: T, path: string, value: unknown): T {
  const copy = clone(body) as unknown as JsonRecord;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as JsonRecord;
  target[keys[keys.length - 1]] = value;
  return copy as unknown as T;
}

/** The decoded bytes of a binary JSON field. */
export function fieldBytes(body: unknown, path: string, encoding: FieldEncoding): Buffer {
  const value = getField(body, path);
  if (typeof value !== 'string') throw new TypeError(`field ${path} is not a string`);
  return Buffer.from(value, encoding);
}

/**
 * A copy of `body` with one bit flipped in the decoded bytes of a binary field (re-encoded the same way).
 * `byte` counts from the start (negative: from the end); `bit` is 0 … 7.
 */
export function flipBit<T>(body: T, path: string, encoding: FieldEncoding, byte = -1, bit = 0): T {
  const bytes = fieldBytes(body, path, encoding);
  const index = byte < 0 ? bytes.length + byte : byte;
  if (index < 0 || index >= bytes.length) throw new RangeError(`field ${path} has ${bytes.length} bytes, no byte ${byte}`);
  bytes[index] ^= 1 << bit;
  return setField(body, path, bytes.toString(encoding));
}

/** A copy of `body` with a binary field replaced by other bytes. */
export function replaceBytes<T>(body: T, path: string, encoding: FieldEncoding, bytes: Uint8Array): T {
  return setField(body, path, Buffer.from(bytes).toString(encoding));
}
