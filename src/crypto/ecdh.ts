import {createECDH, type ECDH} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {P256_ORDER, P256_POINT_LENGTH} from './p256.js';
import type {Rng} from './random.js';

/** An ephemeral (or session) P-256 ECDH key pair; `publicKey` is the raw uncompressed point. */
export interface EcdhKeyPair {
  readonly privateKey: Buffer;
  readonly publicKey: Buffer;
  /** node:crypto ECDH object holding the private scalar. */
  readonly ecdh: ECDH;
}

/** Makes a P-256 ECDH key pair whose 32-byte private scalar comes from `rng` (rejection-sampled in [1, n-1]). */
export function generateEcdhKeyPair(rng: Rng): EcdhKeyPair {
  for (;;) {
    const scalar = rng(32);
    const value = BigInt(`0x${scalar.toString('hex')}`);
    if (value === 0n || value >= P256_ORDER) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(scalar);
    return {privateKey: scalar, publicKey: ecdh.getPublicKey(), ecdh};
  }
}

/**
 * Rebuilds a key pair from a stored private scalar: exactly 32 big-endian bytes in [1, n-1], otherwise
 * {@link CryptoError} `invalid_key`. (node's `setPrivateKey` alone would also take shorter or zero-prefixed
 * longer encodings of the same scalar, e.g. Wycheproof's 33-byte `00 ‖ d` keys.)
 */
export function ecdhKeyPairFromPrivate(privateKey: Uint8Array): EcdhKeyPair {
  if (privateKey.length !== 32) {
    throw new CryptoError(CryptoErrorCode.InvalidKey, `a P-256 private scalar is 32 bytes, got ${privateKey.length}`);
  }
  const ecdh = createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(Buffer.from(privateKey));
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidKey, 'not a P-256 private scalar');
  }
  return {privateKey: Buffer.from(privateKey), publicKey: ecdh.getPublicKey(), ecdh};
}

/**
 * P-256 ECDH: the 32-byte x-coordinate of `own · peer`. The peer point must be an uncompressed point on
 * the curve (property 8); anything else throws {@link CryptoError} `invalid_point`.
 */
export function ecdhSharedSecret(own: EcdhKeyPair, peerPoint: Uint8Array): Buffer {
  if (peerPoint.length !== P256_POINT_LENGTH || peerPoint[0] !== 0x04) {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'not an uncompressed P-256 point');
  }
  try {
    return own.ecdh.computeSecret(Buffer.from(peerPoint));
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'point is not on the P-256 curve');
  }
}
