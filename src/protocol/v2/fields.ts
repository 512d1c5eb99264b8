import {fromBase64Url} from '../../crypto/bytes.js';
import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';

type Stage = StageId | 'session';

/**
 * Checks that `value` is a plain JSON object with exactly the given keys (no missing, no extra), property 8.
 * Throws HandshakeError `malformed_message` naming the problem.
 */
export function exactObject(value: unknown, keys: readonly string[], stage: Stage, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(stage, `${what} is not a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const present = Object.keys(record);
  const extra = present.filter((key) => !keys.includes(key));
  const missing = keys.filter((key) => !(key in record));
  if (extra.length > 0 || missing.length > 0) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : ''];
    throw malformed(stage, `${what}: ${parts.filter(Boolean).join('; ')}`);
  }
  return record;
}

/** A base64url field of exactly `length` bytes (or at most `maxLength` when `length` is undefined). */
export function bytesField(record: Record<string, unknown>, key: string, stage: Stage, length?: number, maxLength = 4096): Buffer {
  const value = record[key];
  if (typeof value !== 'string' || value.length > Math.ceil((maxLength * 4) / 3) + 4) {
    throw malformed(stage, `${key} must be a base64url string`);
  }
  try {
    return fromBase64Url(value, length);
  } catch (error) {
    throw malformed(stage, `${key}: ${(error as Error).message}`);
  }
}

/** A non-negative safe integer field. */
export function integerField(record: Record<string, unknown>, key: string, stage: Stage): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw malformed(stage, `${key} must be a non-negative integer`);
  }
  return value;
}

/** A name field (organization, username): 1..max characters, no control characters. */
export function nameField(record: Record<string, unknown>, key: string, stage: Stage, max: number): string {
  const value = record[key];
  if (typeof value !== 'string' || !isValidName(value, max)) {
    throw malformed(stage, `${key} must be 1–${max} characters without control characters`);
  }
  return value;
}

/** True for a non-empty string of at most `max` code points without control characters (C0, DEL, C1). */
export function isValidName(value: string, max: number): boolean {
  const length = [...value].length;
  // eslint-disable-next-line no-control-regex
  return length > 0 && length <= max && !/[\u0000-\u001f\u007f-\u009f]/.test(value);
}

/** Parses a UTF-8 JSON plaintext (decrypted message) or throws `malformed_message`. */
export function parseJsonBytes(bytes: Buffer, stage: Stage, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed(stage, `${what} is not JSON`);
  }
}

function malformed(stage: Stage, message: string): HandshakeError {
  return new HandshakeError(stage, HandshakeErrorCode.MalformedMessage, message, 400);
}
