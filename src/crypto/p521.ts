import {createECDH, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {ecKeySpki, readSpkiPublicKey} from './ec-spki.js';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {sha256} from './hash.js';
import type {Rng} from './random.js';

/** Order n of the P-521 (secp521r1) group. */
export const P521_ORDER = 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n;
/** Bytes of a P-521 field element / scalar / raw ECDH secret (521 bits rounded up). */
export const P521_BYTES = 66;

/** DER AlgorithmIdentifier of a named-curve key: id-ecPublicKey with secp521r1 (OID 1.3.132.0.35). */
const NAMED_ALGORITHM = Buffer.from('301006072a8648ce3d020106052b81040023', 'hex');

/**
 * Checks that a key object is an EC key on the named curve P-521 (classic suite, sio2425 README §0), with
 * the named-curve OID in its SPKI (explicit parameters are refused, as for P-256); returns it. Throws
 * {@link CryptoError} `not_ec` or `wrong_curve`.
 */
export function requireP521(key: KeyObject): KeyObject {
  const raw = ecKeySpki(key);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'secp521r1') {
    const name = curve === undefined || curve === 'UNDEF' ? 'explicit parameters' : curve === 'prime256v1' ? 'P-256' : curve;
    throw new CryptoError(CryptoErrorCode.WrongCurve, `expected curve P-521, got ${name}`);
  }
  if (raw.indexOf(NAMED_ALGORITHM) !== (raw[1] === 0x81 ? 3 : 2)) {
    throw new CryptoError(CryptoErrorCode.WrongCurve, 'explicit curve parameters are not accepted: expected the named curve P-521');
  }
  return key;
}

/**
 * Imports a P-521 public key from SPKI: PEM text (a `PUBLIC KEY` block only) or DER bytes. The classic wire
 * carries base64 of the PEM text (README §0). Throws `invalid_key`, `not_ec` or `wrong_curve`.
 */
export function importP521PublicKey(spki: string | Uint8Array): KeyObject {
  return requireP521(readSpkiPublicKey(spki));
}

/** DER SPKI of a P-521 key (public, or the public half of a private key), always with the uncompressed point. */
export function canonicalP521Spki(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({format: 'jwk'});
  return createPublicKey({key: jwk, format: 'jwk'}).export({type: 'spki', format: 'der'});
}

/** Key fingerprint shown to users and pinned (as for P-256): SHA-256 of the canonical DER SPKI, hex. */
export function p521Fingerprint(key: KeyObject): string {
  return sha256(canonicalP521Spki(key)).toString('hex');
}

/**
 * PEM SubjectPublicKeyInfo text exactly as Python `cryptography` writes it (`Encoding.PEM`,
 * `SubjectPublicKeyInfo`): 64-character lines, uncompressed point, trailing newline — 268 bytes for P-521.
 */
export function exportP521PublicKeyPem(key: KeyObject): string {
  const lines = canonicalP521Spki(requireP521(key)).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/**
 * A new P-521 key pair (classic subject credentials, repository key, ephemeral and session keys). With
 * `rng` (seeded runs) the private scalar is drawn from it (521 bits, rejection-sampled in [1, n-1]).
 */
export function generateP521KeyPair(rng?: Rng): {privateKey: KeyObject; publicKey: KeyObject} {
  if (!rng) return generateKeyPairSync('ec', {namedCurve: 'P-521'});
  for (;;) {
    const scalar = rng(P521_BYTES);
    scalar[0] &= 0x01;
    const value = BigInt(`0x${scalar.toString('hex')}`);
    if (value === 0n || value >= P521_ORDER) continue;
    const ecdh = createECDH('secp521r1');
    ecdh.setPrivateKey(scalar);
    const point = ecdh.getPublicKey();
    const jwk = {
      kty: 'EC', crv: 'P-521', d: scalar.toString('base64url'),
      x: point.subarray(1, 1 + P521_BYTES).toString('base64url'), y: point.subarray(1 + P521_BYTES).toString('base64url'),
    };
    const privateKey = createPrivateKey({key: jwk, format: 'jwk'});
    return {privateKey, publicKey: createPublicKey(privateKey)};
  }
}

/**
 * P-521 ECDH: the raw x-coordinate of `own · peer`, 66 bytes big-endian zero-padded, as Python's
 * `private_key.exchange(ec.ECDH(), peer)` returns it (README §0). Both keys must be P-521
 * (`wrong_curve` otherwise: the reference answers a 500 there, R9).
 */
export function ecdhP521(own: KeyObject, peer: KeyObject): Buffer {
  requireP521(own);
  requireP521(peer);
  try {
    return diffieHellman({privateKey: own, publicKey: peer});
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'P-521 key agreement failed');
  }
}
