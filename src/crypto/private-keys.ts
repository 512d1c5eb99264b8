import {createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {generateEcdhKeyPair} from './ecdh.js';
import type {Rng} from './random.js';
import {CryptoError, CryptoErrorCode} from './errors.js';
import {requireP256} from './p256.js';
import {requireP521} from './p521.js';

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
  return requireP256(importAnyPrivateKeyPem(pem, password));
}

/**
 * The classic suite's reader (sio2425 README §0): a PEM private key on P-521, e.g. the reference's
 * `rep_subject_credentials` output or its repository key (encrypted PKCS#8, PBES2). Same errors as
 * {@link importPrivateKeyPem}; `wrong_curve` for a P-256 key.
 */
export function importP521PrivateKeyPem(pem: string, password?: string): KeyObject {
  return requireP521(importAnyPrivateKeyPem(pem, password));
}

/** Reads a PEM private key of any kind; the password errors of {@link importPrivateKeyPem}, no curve check. */
function importAnyPrivateKeyPem(pem: string, password?: string): KeyObject {
  const encrypted = pem.includes('ENCRYPTED');
  if (encrypted && (password === undefined || password === '')) {
    throw new CryptoError(CryptoErrorCode.PasswordRequired, 'this private key is encrypted: a password is needed');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? {key: pem, format: 'pem', passphrase: password} : {key: pem, format: 'pem'});
  } catch (error) {
    // A wrong password usually fails the CBC padding check (BAD_DECRYPT), but about 1 in 256 wrong
    // passwords leave a valid-looking padding and the garbage then fails to decode (ERR_OSSL_UNSUPPORTED,
    // the same code as an unreadable PEM). So an intact encrypted container that fails to open means a
    // wrong password, whatever the OpenSSL code.
    const code = (error as {code?: string}).code ?? '';
    if (encrypted && (/BAD_DECRYPT/.test(code) || encryptedPemIsIntact(pem))) {
      throw new CryptoError(CryptoErrorCode.WrongPassword, 'wrong password for this private key');
    }
    throw new CryptoError(CryptoErrorCode.InvalidKey, 'not a readable PEM private key');
  }
  return key;
}

/**
 * Whether `pem` holds a structurally sound encrypted private key: a PKCS#8 `ENCRYPTED PRIVATE KEY` block
 * whose body is a DER `SEQUENCE { SEQUENCE AlgorithmIdentifier, OCTET STRING }`, or a legacy OpenSSL block
 * with `Proc-Type: 4,ENCRYPTED` and `DEK-Info` headers and a whole number of cipher blocks.
 */
function encryptedPemIsIntact(pem: string): boolean {
  const block = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (block === null) return false;
  const [, label, body] = block;
  if (label === 'ENCRYPTED PRIVATE KEY') {
    const der = strictBase64(body);
    if (der === undefined) return false;
    const outer = derElement(der, 0);
    if (outer === undefined || outer.tag !== 0x30 || outer.end !== der.length) return false;
    const algorithm = derElement(der, outer.start);
    if (algorithm === undefined || algorithm.tag !== 0x30) return false;
    const data = derElement(der, algorithm.end);
    return data !== undefined && data.tag === 0x04 && data.end === der.length && data.end > data.start;
  }
  const split = /\r?\n\r?\n/.exec(body);
  if (split === null) return false;
  const headers = body.slice(0, split.index);
  if (!/^Proc-Type:\s*4,ENCRYPTED\s*$/m.test(headers) || !/^DEK-Info:/m.test(headers)) return false;
  const data = strictBase64(body.slice(split.index));
  return data !== undefined && data.length > 0 && data.length % 8 === 0;
}

function strictBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

/** One DER element at `offset`: its tag and the bounds of its contents, or undefined if it overruns. */
function derElement(der: Buffer, offset: number): {tag: number; start: number; end: number} | undefined {
  if (offset + 2 > der.length) return undefined;
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length >= 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > der.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  const end = start + length;
  return end <= der.length ? {tag, start, end} : undefined;
}
