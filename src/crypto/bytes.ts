import {timingSafeEqual} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as unpadded base64url (RFC 4648 §5), the v2 wire encoding of every binary field. */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes unpadded base64url strictly: only the URL-safe alphabet, no padding, canonical (re-encodes to
 * the same text), and when `length` is given exactly that many bytes. Throws {@link CryptoError} otherwise.
 */
export function fromBase64Url(text: string, length?: number): Buffer {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new CryptoError(CryptoErrorCode.InvalidEncoding, 'not unpadded base64url');
  }
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) {
    throw new CryptoError(CryptoErrorCode.InvalidEncoding, 'non-canonical base64url');
  }
  if (length !== undefined && bytes.length !== length) {
    throw new CryptoError(CryptoErrorCode.InvalidEncoding, `expected ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** 8-byte big-endian encoding of a non-negative safe integer (timestamps, sequence numbers). */
export function u64be(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a u64: ${value}`);
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

/** Constant-time equality of two byte strings (false when the lengths differ). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
