import * as nodeCrypto from 'node:crypto';
import {createHash, createHmac} from 'node:crypto';

/**
 * node:crypto's one-shot digest (Node ≥ 20.12): no Hash object, so nothing for the garbage collector to
 * finalise afterwards. Undefined on older Node 20 releases, which take the createHash path.
 */
const oneShot = (nodeCrypto as {hash?: (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer}).hash;

/** SHA-256 of the concatenation of `parts`. */
export function sha256(...parts: Uint8Array[]): Buffer {
  if (oneShot !== undefined) return oneShot('sha256', parts.length === 1 ? parts[0] : Buffer.concat(parts), 'buffer');
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** HMAC-SHA256(key, concatenation of `parts`). */
export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}
