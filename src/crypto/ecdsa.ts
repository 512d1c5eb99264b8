import {createPublicKey, sign, verify, type KeyObject} from 'node:crypto';
import {p256} from '@noble/curves/p256';
import {P256_ORDER} from './p256.js';
import {sha256} from './hash.js';

/** Signature encodings: raw r‖s (IEEE P1363, 64 bytes for P-256, used by v2) or ASN.1 DER. */
export type SignatureEncoding = 'p1363' | 'der';

const HALF_ORDER = P256_ORDER >> 1n;

/** A P-256 ECDSA-SHA256 signing key; `sign` returns a low-S P1363 signature. */
export interface Signer {
  readonly publicKey: KeyObject;
  sign(message: Uint8Array): Buffer;
}

/**
 * ECDSA-SHA256 signature with node:crypto; the result is normalised to low S (s ≤ n/2) so that each
 * message has one valid v2 signature encoding (hardened suite W7).
 */
export function ecdsaSign(privateKey: KeyObject, message: Uint8Array, encoding: SignatureEncoding = 'p1363'): Buffer {
  if (encoding === 'der') return sign('sha256', message, {key: privateKey, dsaEncoding: 'der'});
  return toLowS(sign('sha256', message, {key: privateKey, dsaEncoding: 'ieee-p1363'}));
}

/**
 * Verifies an ECDSA-SHA256 signature. With `requireLowS` (v2), a P1363 signature whose S is in the high
 * half is refused even though it is mathematically valid. Never throws on malformed signatures.
 */
export function ecdsaVerify(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
  encoding: SignatureEncoding = 'p1363',
  requireLowS = encoding === 'p1363',
): boolean {
  if (encoding === 'p1363') {
    if (signature.length !== 64) return false;
    if (requireLowS && BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`) > HALF_ORDER) return false;
  }
  try {
    return verify('sha256', message, {key: publicKey, dsaEncoding: encoding === 'der' ? 'der' : 'ieee-p1363'}, signature);
  } catch {
    return false;
  }
}

function toLowS(signature: Buffer): Buffer {
  const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
  if (s <= HALF_ORDER) return signature;
  const low = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, 32), low]);
}

/** A signer over node:crypto (random nonce per signature). */
export function nodeSigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  return {publicKey, sign: (message) => ecdsaSign(privateKey, message)};
}

/**
 * A deterministic signer (RFC 6979 nonces, via @noble/curves) for seeded runs: the same key and message
 * always give the same bytes, so a `--seed` walkthrough is reproducible. Slower than {@link nodeSigner}.
 */
export function deterministicSigner(privateKey: KeyObject): Signer {
  const jwk = privateKey.export({format: 'jwk'});
  const scalar = Buffer.from(jwk.d ?? '', 'base64url');
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    sign: (message) => Buffer.from(p256.sign(sha256(message), scalar, {lowS: true}).toCompactRawBytes()),
  };
}
