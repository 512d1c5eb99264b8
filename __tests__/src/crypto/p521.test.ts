// P-521 helpers of the classic suite: curve checks (P-256 and explicit parameters refused), ECDH width,
// seeded key generation, DER ECDSA (random and deterministic), and credentials in the reference's format.
import {createPrivateKey, createPublicKey, generateKeyPairSync} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {deterministicP521Signer, ecdsaSignDer, ecdsaVerifyDer, nodeDerSigner} from '../../../src/crypto/ecdsa-der.js';
import {CryptoError} from '../../../src/crypto/errors.js';
import {canonicalP521Spki, ecdhP521, exportP521PublicKeyPem, generateP521KeyPair, importP521PublicKey, requireP521} from '../../../src/crypto/p521.js';
import {exportEncryptedPrivateKeyPem, importP521PrivateKeyPem, importPrivateKeyPem} from '../../../src/crypto/private-keys.js';
import {seededRng} from '../../../src/crypto/random.js';
import {describeWithTranscript, fixture} from '../../helpers/sio2425.js';

const code = (value: string) => expect.objectContaining({code: value});

describe('P-521 keys', () => {
  const {privateKey, publicKey} = generateP521KeyPair();

  it('exports the 268-byte PEM Python writes and imports it back', () => {
    const pem = exportP521PublicKeyPem(publicKey);
    expect(pem).toHaveLength(268);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{64}\n){3}[A-Za-z0-9+/=]{20}\n-----END PUBLIC KEY-----\n$/);
    expect(canonicalP521Spki(importP521PublicKey(pem)).equals(canonicalP521Spki(publicKey))).toBe(true);
  });

  it('refuses P-256, explicit parameters, RSA and garbage', () => {
    const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey;
    expect(() => importP521PublicKey(p256.export({type: 'spki', format: 'pem'}).toString())).toThrow(code('wrong_curve'));
    const explicit = generateKeyPairSync('ec', {namedCurve: 'P-521', paramEncoding: 'explicit'}).publicKey;
    expect(() => requireP521(explicit)).toThrow(code('wrong_curve'));
    expect(() => requireP521(generateKeyPairSync('rsa', {modulusLength: 1024}).publicKey)).toThrow(code('not_ec'));
    expect(() => importP521PublicKey('not a key')).toThrow(code('invalid_key'));
  });

  it('ECDH gives the 66-byte x-coordinate, the same on both sides, and refuses another curve', () => {
    const other = generateP521KeyPair();
    const secret = ecdhP521(privateKey, other.publicKey);
    expect(secret).toHaveLength(66);
    expect(ecdhP521(other.privateKey, publicKey).equals(secret)).toBe(true);
    expect(() => ecdhP521(privateKey, generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey)).toThrow(CryptoError);
  });

  it('a seeded rng gives the same key twice, another seed another key', () => {
    const pem = (seed: string) => exportP521PublicKeyPem(generateP521KeyPair(seededRng(seed)).publicKey);
    expect(pem('a')).toBe(pem('a'));
    expect(pem('a')).not.toBe(pem('b'));
  });

  it('DER ECDSA-SHA256 verifies; a changed message or signature does not; deterministic signatures repeat', () => {
    const message = Buffer.from("{'public_key': 'x'}");
    const signature = ecdsaSignDer(privateKey, message);
    expect(signature[0]).toBe(0x30);
    expect(ecdsaVerifyDer(publicKey, message, signature)).toBe(true);
    expect(ecdsaVerifyDer(publicKey, Buffer.from("{'public_key': 'y'}"), signature)).toBe(false);
    expect(ecdsaVerifyDer(publicKey, message, Buffer.from('garbage'))).toBe(false);
    const signer = deterministicP521Signer(privateKey);
    expect(signer.sign(message).equals(signer.sign(message))).toBe(true);
    expect(ecdsaVerifyDer(publicKey, message, signer.sign(message))).toBe(true);
    expect(ecdsaVerifyDer(nodeDerSigner(privateKey).publicKey, message, nodeDerSigner(privateKey).sign(message))).toBe(true);
  });
});

describe('classic credentials (encrypted PKCS#8, P-521)', () => {
  it('ours are PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC like the reference\'s, and load with their password only', () => {
    const {privateKey} = generateP521KeyPair();
    const pem = exportEncryptedPrivateKeyPem(privateKey, 'pw');
    expect(pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
    const structure = execFileSync('openssl', ['asn1parse'], {input: pem}).toString();
    for (const part of ['PBES2', 'PBKDF2', 'hmacWithSHA256', 'aes-256-cbc']) expect(structure).toContain(part);
    expect(canonicalP521Spki(importP521PrivateKeyPem(pem, 'pw')).equals(canonicalP521Spki(privateKey))).toBe(true);
    expect(() => importP521PrivateKeyPem(pem, 'wrong')).toThrow(code('wrong_password'));
    expect(() => importP521PrivateKeyPem(pem)).toThrow(code('password_required'));
    expect(() => importPrivateKeyPem(pem, 'pw')).toThrow(code('wrong_curve'));
  });

  it('a P-256 key is refused by the classic reader', () => {
    const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
    expect(() => importP521PrivateKeyPem(p256)).toThrow(code('wrong_curve'));
  });
});

describeWithTranscript('credentials made by the reference (sio2425 transcript 00)', () => {
  const keys = fixture('00_static_keys.json');

  it('the subject key (8-byte salt, password "123") and the repository key (16-byte salt) load and match', () => {
    const subject = importP521PrivateKeyPem(keys.subject_priv_key_pem_encrypted, '123');
    expect(exportP521PublicKeyPem(createPublicKey(subject))).toBe(keys.subject_pub_key_pem);
    const repository = importP521PrivateKeyPem(keys.rep_priv_key_pem_encrypted, keys.rep_priv_key_password);
    expect(exportP521PublicKeyPem(createPublicKey(repository))).toBe(keys.rep_pub_key_pem);
    expect(createPrivateKey(keys.rep_priv_key_pem_unencrypted).asymmetricKeyDetails?.namedCurve).toBe('secp521r1');
  });

  it.each(['wrong', '1234', ''])('a wrong password (%j) fails clearly, never as another error', (password) => {
    const expected = password === '' ? 'password_required' : 'wrong_password';
    expect(() => importP521PrivateKeyPem(keys.subject_priv_key_pem_encrypted, password)).toThrow(code(expected));
  });
});
