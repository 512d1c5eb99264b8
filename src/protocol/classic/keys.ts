import type {KeyObject} from 'node:crypto';
import {hkdf} from '../../crypto/hkdf.js';
import {ecdhP521, exportP521PublicKeyPem, importP521PublicKey} from '../../crypto/p521.js';
import {ClassicSize} from './constants.js';

/**
 * The wire form of every classic public key (sio2425 README §0): standard padded base64 of the PEM
 * SubjectPublicKeyInfo *text* (268 bytes for P-521 → 360 characters).
 */
export function encodeWirePublicKey(key: KeyObject): string {
  return Buffer.from(exportP521PublicKeyPem(key), 'utf8').toString('base64');
}

/**
 * Reads a wire public key: base64 → PEM text → a P-521 key (the reference: `load_pem_public_key(b64decode(s))`).
 * Throws CryptoError `invalid_key` (not a PEM SPKI), `not_ec` or `wrong_curve` (e.g. P-256, the reference's R9).
 */
export function decodeWirePublicKey(text: string): KeyObject {
  return importP521PublicKey(Buffer.from(text, 'base64').toString('utf8'));
}

/** The classic KDF (README §0): HKDF-SHA256, salt None (32 zero bytes), info empty, 64 bytes. */
export function classicKdf(sharedSecret: Uint8Array): Buffer {
  return hkdf(sharedSecret, Buffer.alloc(0), Buffer.alloc(0), ClassicSize.Okm);
}

/** One ECDH + KDF run, with its intermediate values (for traces and the transcript tests). */
export interface DerivedSecret {
  /** The raw 66-byte ECDH x-coordinate. */
  readonly raw: Buffer;
  /** The 64-byte HKDF output. */
  readonly okm: Buffer;
}

/** ECDH(own, peer) then the classic KDF. */
export function deriveClassicSecret(own: KeyObject, peer: KeyObject): DerivedSecret {
  const raw = ecdhP521(own, peer);
  return {raw, okm: classicKdf(raw)};
}

/** The anonymous-channel AES-256 key: HKDF output `[:32]` (bytes 32..63 are derived and unused). */
export function anonymousKeyOf(secret: DerivedSecret): Buffer {
  return secret.okm.subarray(0, ClassicSize.AnonymousKey);
}

/** The session key's halves: `[:32]` AES-256-CBC key, `[32:]` HMAC-SHA256 key (README §0, §4). */
export function splitSessionKey(sessionKey: Uint8Array): {encryption: Buffer; integrity: Buffer} {
  if (sessionKey.length !== ClassicSize.Okm) throw new RangeError(`a classic session key is ${ClassicSize.Okm} bytes, got ${sessionKey.length}`);
  const key = Buffer.from(sessionKey);
  return {encryption: key.subarray(0, 32), integrity: key.subarray(32)};
}
