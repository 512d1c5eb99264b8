import {createPublicKey, type KeyObject} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';

/**
 * Reads a public key from SPKI, PEM text or DER bytes, of any type (the curve checks follow: `requireP256`,
 * `requireP521`). PEM text must be a `PUBLIC KEY` block: node would otherwise also derive a public key from a
 * private key or a certificate. Throws {@link CryptoError} `invalid_key`.
 */
export function readSpkiPublicKey(spki: string | Uint8Array): KeyObject {
  try {
    if (typeof spki === 'string' && !/^\s*-----BEGIN PUBLIC KEY-----\r?\n/.test(spki)) throw new Error('not a PUBLIC KEY PEM block');
    return typeof spki === 'string'
      ? createPublicKey({key: spki, format: 'pem'})
      : createPublicKey({key: Buffer.from(spki), format: 'der', type: 'spki'});
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidKey, 'not a readable public key (expected SPKI, PEM or DER)');
  }
}

/** The DER SPKI of a key (the public half of a private key), as OpenSSL encodes it. */
export function spkiDer(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({type: 'spki', format: 'der'});
}

/**
 * The first checks of every curve check (property 8): the key is an EC key, and its SPKI re-encodes, which
 * must come before anything reads its details: an SPKI whose point is the point at infinity (BIT STRING 00)
 * imports, and reading its details (asymmetricKeyDetails, JWK export) aborts the whole node 20 process;
 * re-encoding it fails cleanly. Answers that DER SPKI. Throws {@link CryptoError} `not_ec` or `invalid_point`.
 */
export function ecKeySpki(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ec') {
    throw new CryptoError(CryptoErrorCode.NotEc, `expected an EC key, got ${key.asymmetricKeyType ?? 'a secret key'}`);
  }
  try {
    return spkiDer(key);
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidPoint, 'the public key is not a point on the curve (e.g. the point at infinity)');
  }
}
