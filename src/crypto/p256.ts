import {createPublicKey, ECDH, type KeyObject} from 'node:crypto';
import {ecKeySpki, readSpkiPublicKey, spkiDer} from './ec-spki.js';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {sha256} from './hash.js';

/** Length of an uncompressed P-256 point (0x04 ‖ x ‖ y), the v2 wire form of every public key. */
export const P256_POINT_LENGTH = 65;
/** Order n of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** DER prefix of a SubjectPublicKeyInfo for a named-curve (prime256v1) uncompressed point. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
/** The same for a compressed (33-byte) point, which OpenSSL accepts in SPKI and keeps when re-exporting. */
const SPKI_COMPRESSED_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

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
 * (explicit-parameter encodings are refused, property 8). PEM text must be a `PUBLIC KEY` block: node
 * would otherwise also derive a public key from a private key or a certificate. Compressed points are
 * accepted here (they are valid SPKI); {@link exportP256Point} and {@link exportSpki} always give the
 * uncompressed form.
 */
export function importP256PublicKey(spki: string | Uint8Array): KeyObject {
  return requireP256(readSpkiPublicKey(spki));
}

/**
 * Checks that a key object is an EC key on named curve P-256, encoded with the named-curve OID; returns it.
 *
 * `asymmetricKeyDetails.namedCurve` alone is not enough: OpenSSL 3 maps explicit curve parameters that
 * equal P-256's onto `prime256v1` (even with a missing or wrong cofactor, Wycheproof ECDH tcId 359–362)
 * while keeping the explicit encoding, so the key's own SPKI encoding is checked too (property 8).
 */
export function requireP256(key: KeyObject): KeyObject {
  const der = ecKeySpki(key);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    const name = curve === undefined || curve === 'UNDEF' ? 'explicit parameters' : curve;
    throw new CryptoError(CryptoErrorCode.WrongCurve, `expected curve P-256, got ${name}`);
  }
  if (namedP256Point(der) === undefined) {
    throw new CryptoError(CryptoErrorCode.WrongCurve, 'explicit curve parameters are not accepted: expected the named curve P-256');
  }
  return key;
}

/**
 * The raw uncompressed point of a P-256 public (or private) key, always 65 bytes `04 ‖ x ‖ y`, also for a
 * key that was imported from a compressed SPKI (OpenSSL re-exports those compressed). Throws
 * {@link CryptoError} `wrong_curve` for a key that is not a named-curve P-256 key.
 */
export function exportP256Point(key: KeyObject): Buffer {
  const point = namedP256Point(spkiDer(key));
  if (point === undefined) throw new CryptoError(CryptoErrorCode.WrongCurve, 'not a named-curve P-256 key');
  return uncompressed(point);
}

/**
 * DER SubjectPublicKeyInfo of a public key (or of the public half of a private key). For P-256 keys this
 * is always the canonical named-curve, uncompressed-point form, so fingerprints do not depend on how a
 * key was encoded when it was imported.
 */
export function exportSpki(key: KeyObject): Buffer {
  const der = spkiDer(key);
  const point = namedP256Point(der);
  return point === undefined ? der : Buffer.concat([SPKI_PREFIX, uncompressed(point)]);
}

/** PEM SubjectPublicKeyInfo text (of {@link exportSpki}'s DER). */
export function exportPublicKeyPem(key: KeyObject): string {
  const lines = exportSpki(key).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** Key fingerprint shown to users and pinned by clients (property 1): SHA-256 of the DER SPKI, hex. */
export function fingerprint(key: KeyObject): string {
  return sha256(exportSpki(key)).toString('hex');
}

/** SPKI DER exactly as OpenSSL encodes the key (point form and parameter encoding as imported). */
/** The encoded point of a named-curve P-256 SPKI (uncompressed, hybrid or compressed), else undefined. */
function namedP256Point(der: Buffer): Buffer | undefined {
  const prefix = der.subarray(0, SPKI_PREFIX.length);
  if (der.length === SPKI_PREFIX.length + P256_POINT_LENGTH && prefix.equals(SPKI_PREFIX)) return der.subarray(SPKI_PREFIX.length);
  if (der.length === SPKI_COMPRESSED_PREFIX.length + 33 && prefix.equals(SPKI_COMPRESSED_PREFIX)) return der.subarray(SPKI_PREFIX.length);
  return undefined;
}

function uncompressed(point: Buffer): Buffer {
  if (point[0] === 0x04) return Buffer.from(point);
  return ECDH.convertKey(point, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
}

/** The field prime p and the coefficient b of P-256, y² = x³ − 3x + b (mod p). */
const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const P256_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function coordinate(point: Uint8Array, offset: number): bigint {
  return BigInt(`0x${Buffer.from(point.buffer, point.byteOffset + offset, 32).toString('hex')}`);
}

/**
 * True when `point` is an uncompressed P-256 point on the curve (not infinity): 65 bytes `04 ‖ x ‖ y` with
 * x, y < p and y² = x³ − 3x + b (mod p) — exactly what OpenSSL checks when it decodes such a point (the point
 * at infinity has no uncompressed encoding, and with cofactor 1 every point on the curve is in the group).
 * Plain arithmetic, ≈ 1 µs where a round trip through OpenSSL costs ≈ 18 µs (it builds the curve group each
 * time): the check the server runs on every public key before any other work (property 8). Tests compare it
 * with OpenSSL on Wycheproof and random points.
 */
export function isValidP256Point(point: Uint8Array): boolean {
  if (point.length !== P256_POINT_LENGTH || point[0] !== 0x04) return false;
  const x = coordinate(point, 1);
  const y = coordinate(point, 33);
  if (x >= P256_P || y >= P256_P) return false;
  return (y * y - ((x * x - 3n) * x + P256_B)) % P256_P === 0n;
}
