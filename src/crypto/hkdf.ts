import {hkdfSync} from 'node:crypto';
import {hmacSha256} from './hash.js';

const HASH_LENGTH = 32;

/** Output length must be a whole number of bytes in [0, 255·32]; a RangeError otherwise (same for both entry points). */
function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_LENGTH) {
    throw new RangeError(`HKDF length out of range: ${length}`);
  }
}

/** HKDF-Extract with SHA-256 (RFC 5869 §2.2). An empty salt means 32 zero bytes. */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Buffer {
  return hmacSha256(salt.length === 0 ? Buffer.alloc(HASH_LENGTH) : salt, ikm);
}

/** HKDF-Expand with SHA-256 (RFC 5869 §2.3): `length` ≤ 8160 bytes of output keying material. */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  checkLength(length);
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 1; blocks.length * HASH_LENGTH < length; i++) {
    previous = hmacSha256(prk, previous, info, Buffer.of(i));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-SHA256 in one call (extract then expand), on node:crypto's implementation. */
export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Buffer {
  checkLength(length);
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}
