import {createPublicKey, type KeyObject} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {sha256} from './hash.js';

/** Length of an uncompressed P-256 point (0x04 ‖ x ‖ y), the v2 wire form of every public key. */
export const P256_POINT_LENGTH = 65;
/** Order n of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** DER prefix of a SubjectPublicKeyInfo for a named-curve (prime256v1) uncompressed point. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

/**
 * Imports a raw uncompressed P-256 point strictly (hardened suite property 8): exactly 65 bytes, prefix 0x04
 * (so never the point at infinity), coordinates on the curve (OpenSSL checks when decoding). Throws
 * {@link CryptoError} `invalid_point` otherwise.
 */
export function importP256Point(point: Uint8Array): KeyObject {
  if (point.length !== P256_POINT_LENGTH || point[0] !== 0x04) {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'not an uncompressed P-256 point');
  }
  try {
    return createPublicKey({key: Buffer.concat([SPKI_PREFIX, point]), format: 'der', type: 'spki'});
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'point is not on the P-256 curve');
  }
}

/**
 * Imports a public key from SPKI (PEM text or DER bytes), accepting only EC keys on the named curve P-256
 * (explicit-parameter encodings are refused, property 8).
 */
export function importP256PublicKey(spki: string | Uint8Array): KeyObject {
  let key: KeyObject;
  try {
    key = typeof spki === 'string'
      ? createPublicKey({key: spki, format: 'pem'})
      : createPublicKey({key: Buffer.from(spki), format: 'der', type: 'spki'});
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidKey, 'not a readable public key (expected SPKI, PEM or DER)');
  }
  return requireP256(key);
}

/** Checks that a key object is an EC key on named curve P-256; returns it. */
export function requireP256(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ec') {
    throw new CryptoError(CryptoErrorCode.NotEc, `expected an EC key, got ${key.asymmetricKeyType ?? 'a secret key'}`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    throw new CryptoError(CryptoErrorCode.WrongCurve, `expected curve P-256, got ${curve ?? 'explicit parameters'}`);
  }
  return key;
}

/** The raw uncompressed point of a P-256 public (or private) key. */
export function exportP256Point(key: KeyObject): Buffer {
  const der = exportSpki(key);
  return der.subarray(der.length - P256_POINT_LENGTH);
}

/** DER SubjectPublicKeyInfo of a public key (or of the public half of a private key). */
export function exportSpki(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({type: 'spki', format: 'der'});
}

/** PEM SubjectPublicKeyInfo text. */
export function exportPublicKeyPem(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({type: 'spki', format: 'pem'}).toString();
}

/** Key fingerprint shown to users and pinned by clients (property 1): SHA-256 of the DER SPKI, hex. */
export function fingerprint(key: KeyObject): string {
  return sha256(exportSpki(key)).toString('hex');
}
