import {createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {generateEcdhKeyPair} from './ecdh.js';
import type {Rng} from './random.js';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {requireP256} from './p256.js';

/**
 * A new P-256 signing key pair (subject credentials, repository key). With `rng` (seeded runs), the private
 * scalar is drawn from it, so the same seed gives the same key.
 */
export function generateP256KeyPair(rng?: Rng): {privateKey: KeyObject; publicKey: KeyObject} {
  if (!rng) return generateKeyPairSync('ec', {namedCurve: 'P-256'});
  const pair = generateEcdhKeyPair(rng);
  const jwk = {
    kty: 'EC', crv: 'P-256',
    d: pair.privateKey.toString('base64url'),
    x: pair.publicKey.subarray(1, 33).toString('base64url'),
    y: pair.publicKey.subarray(33).toString('base64url'),
  };
  const privateKey = createPrivateKey({key: jwk, format: 'jwk'});
  return {privateKey, publicKey: createPublicKey(privateKey)};
}

/** Encrypted PKCS#8 PEM (PBES2, AES-256-CBC) of a private key under `password`. */
export function exportEncryptedPrivateKeyPem(privateKey: KeyObject, password: string): string {
  return privateKey.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password}).toString();
}

/**
 * Reads a PEM private key (encrypted PKCS#8 needs `password`) and returns it as a P-256 key object.
 * Errors say what went wrong: `password_required`, `wrong_password`, `invalid_key` (unreadable),
 * `not_ec` (e.g. an RSA key) or `wrong_curve` (e.g. the classic suite's P-521).
 */
export function importPrivateKeyPem(pem: string, password?: string): KeyObject {
  const encrypted = pem.includes('ENCRYPTED');
  if (encrypted && (password === undefined || password === '')) {
    throw new CryptoError(CryptoErrorCode.PasswordRequired, 'this private key is encrypted: a password is needed');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? {key: pem, format: 'pem', passphrase: password} : {key: pem, format: 'pem'});
  } catch (error) {
    const code = (error as {code?: string}).code ?? '';
    if (encrypted && /BAD_DECRYPT|INTERRUPTED|DECODE/.test(code)) {
      throw new CryptoError(CryptoErrorCode.WrongPassword, 'wrong password for this private key');
    }
    throw new CryptoError(CryptoErrorCode.InvalidKey, 'not a readable PEM private key');
  }
  return requireP256(key);
}
