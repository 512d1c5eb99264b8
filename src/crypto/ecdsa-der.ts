import {sign, verify, createPublicKey, type KeyObject} from 'node:crypto';
import {p521} from '@noble/curves/p521';
import {sha256} from './hash.js';
import {requireP521} from './p521.js';

/** A signing key whose `sign` returns an ASN.1 DER ECDSA signature (classic suite: P-521 with SHA-256). */
export interface DerSigner {
  readonly publicKey: KeyObject;
  sign(message: Uint8Array): Buffer;
}

/**
 * ECDSA with SHA-256 over `message`, DER-encoded (`SEQUENCE {INTEGER r, INTEGER s}`), on the key's own
 * curve — what Python's `private_key.sign(data, ec.ECDSA(hashes.SHA256()))` produces (README §0; about
 * 137–139 bytes on P-521). S is not normalised (the reference does not normalise either).
 */
export function ecdsaSignDer(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign('sha256', message, {key: privateKey, dsaEncoding: 'der'});
}

/**
 * Verifies a DER ECDSA-SHA256 signature with any EC public key; never throws (a malformed signature or a
 * key of another kind is simply not valid).
 */
export function ecdsaVerifyDer(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify('sha256', message, {key: publicKey, dsaEncoding: 'der'}, signature);
  } catch {
    return false;
  }
}

/** A DER signer over node:crypto (random nonce per signature). */
export function nodeDerSigner(privateKey: KeyObject): DerSigner {
  const publicKey = createPublicKey(privateKey);
  return {publicKey, sign: (message) => ecdsaSignDer(privateKey, message)};
}

/**
 * A deterministic P-521 DER signer (RFC 6979 nonces via @noble/curves) for seeded runs: the same key and
 * message always give the same signature bytes. The digest is SHA-256, as in the reference.
 */
export function deterministicP521Signer(privateKey: KeyObject): DerSigner {
  requireP521(privateKey);
  const scalar = Buffer.from(privateKey.export({format: 'jwk'}).d ?? '', 'base64url');
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    sign: (message) => Buffer.from(p521.sign(sha256(message), scalar, {lowS: false}).toDERRawBytes()),
  };
}
