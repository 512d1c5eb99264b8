import {createPrivateKey, generateKeyPairSync} from 'node:crypto';
import {exportEncryptedPrivateKeyPem, generateP256KeyPair, importPrivateKeyPem} from '../../../src/crypto/private-keys.js';
import {exportSpki} from '../../../src/crypto/p256.js';
import {ecdsaSign, ecdsaVerify} from '../../../src/crypto/ecdsa.js';
import {seededRng} from '../../../src/crypto/random.js';

const code = (c: string) => expect.objectContaining({name: 'CryptoError', code: c});

/**
 * A fixed P-256 key encrypted under 'pw' (PBES2, AES-256-CBC), and a wrong password that happens to leave a
 * valid-looking CBC padding: OpenSSL then fails with ERR_OSSL_UNSUPPORTED (the same code as an unreadable
 * PEM) instead of BAD_DECRYPT. About 1 wrong password in 256 does this.
 */
const FIXED_PEM = [
  '-----BEGIN ENCRYPTED PRIVATE KEY-----',
  'MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjhyxM8pShYngICCAAw',
  'DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEKISaYxmeXQl62jsWwE2MxYEgZDB',
  'VOy4bf/7M9Wz4YFHY7lM+ITYz9FS0CAaauPF9E5bEWeyFPLsLLU8U9CsQLcV5aJx',
  'p7YaH3MAOSigNM8nO32JOU6oDBzDsIolOhWeEWuQaw3TQGOSZmj5nGiBEV4Nccy1',
  'bvWPLyziNKoom3Ou6/jTMgaTTIMQCfsakXoBrvYOP+cM0MuJ49e5IB2C/q8Bhng=',
  '-----END ENCRYPTED PRIVATE KEY-----',
].join('\n') + '\n';
const LUCKY_WRONG_PASSWORD = 'wrong-157';

describe('private keys', () => {
  const {privateKey, publicKey} = generateP256KeyPair();
  const encrypted = exportEncryptedPrivateKeyPem(privateKey, 'pw');

  it('generateP256KeyPair makes a P-256 key pair', () => {
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(exportSpki(privateKey).equals(exportSpki(publicKey))).toBe(true);
  });

  it('with a seeded rng, the same seed gives the same key pair', () => {
    const a = generateP256KeyPair(seededRng('subject'));
    const b = generateP256KeyPair(seededRng('subject'));
    expect(a.privateKey.equals(b.privateKey)).toBe(true);
    expect(exportSpki(a.publicKey).equals(exportSpki(b.publicKey))).toBe(true);
    expect(exportSpki(generateP256KeyPair(seededRng('other')).publicKey).equals(exportSpki(a.publicKey))).toBe(false);
    expect(ecdsaVerify(a.publicKey, Buffer.from('m'), ecdsaSign(a.privateKey, Buffer.from('m')))).toBe(true);
  });

  it('exports encrypted PKCS#8 and reads it back with the right password', () => {
    expect(encrypted).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const key = importPrivateKeyPem(encrypted, 'pw');
    expect(key.type).toBe('private');
    expect(key.equals(privateKey)).toBe(true);
    const sig = ecdsaSign(key, Buffer.from('m'));
    expect(ecdsaVerify(publicKey, Buffer.from('m'), sig)).toBe(true);
  });

  it('a wrong password gives wrong_password', () => {
    expect(() => importPrivateKeyPem(encrypted, 'wrong')).toThrow(code('wrong_password'));
    expect(() => importPrivateKeyPem(encrypted, 'PW')).toThrow(code('wrong_password'));
  });

  it('a wrong password that decrypts to a valid padding still gives wrong_password (not invalid_key)', () => {
    expect(importPrivateKeyPem(FIXED_PEM, 'pw').asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // The premise: node:crypto does not report BAD_DECRYPT for this password.
    expect(() => createPrivateKey({key: FIXED_PEM, format: 'pem', passphrase: LUCKY_WRONG_PASSWORD}))
      .toThrow(expect.objectContaining({code: 'ERR_OSSL_UNSUPPORTED'}));
    expect(() => importPrivateKeyPem(FIXED_PEM, LUCKY_WRONG_PASSWORD)).toThrow(code('wrong_password'));
  });

  it('every one of 300 wrong passwords gives wrong_password', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      try {
        importPrivateKeyPem(FIXED_PEM, `wrong-${i}`);
        codes.add('accepted');
      } catch (error) {
        codes.add((error as {code?: string}).code ?? String(error));
      }
    }
    expect([...codes]).toEqual(['wrong_password']);
  });

  it('a missing or empty password gives password_required', () => {
    expect(() => importPrivateKeyPem(encrypted)).toThrow(code('password_required'));
    expect(() => importPrivateKeyPem(encrypted, '')).toThrow(code('password_required'));
  });

  it('reads an unencrypted PKCS#8 or SEC1 PEM (a password is then ignored)', () => {
    for (const type of ['pkcs8', 'sec1'] as const) {
      const pem = privateKey.export({type, format: 'pem'}).toString();
      expect(importPrivateKeyPem(pem).equals(privateKey)).toBe(true);
      expect(importPrivateKeyPem(pem, 'unused').equals(privateKey)).toBe(true);
    }
  });

  it('reads a legacy encrypted SEC1 PEM (Proc-Type: 4,ENCRYPTED)', () => {
    const legacy = privateKey.export({type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}).toString();
    expect(legacy).toMatch(/Proc-Type: 4,ENCRYPTED/);
    expect(importPrivateKeyPem(legacy, 'pw').equals(privateKey)).toBe(true);
    expect(() => importPrivateKeyPem(legacy)).toThrow(code('password_required'));
    expect(() => importPrivateKeyPem(legacy, 'wrong')).toThrow(code('wrong_password'));
  });

  it.each([
    ['garbage text', 'this is not a key'],
    ['an empty string', ''],
    ['a public key PEM', publicKey.export({type: 'spki', format: 'pem'}).toString()],
    ['a PEM with a corrupted body', '-----BEGIN PRIVATE KEY-----\nMIIBAAAA\n-----END PRIVATE KEY-----\n'],
  ])('%s gives invalid_key', (_name, pem) => {
    expect(() => importPrivateKeyPem(pem)).toThrow(code('invalid_key'));
  });

  it('a damaged encrypted PEM gives invalid_key, not wrong_password', () => {
    const lines = encrypted.trim().split('\n');
    const truncated = [...lines.slice(0, 3), lines[lines.length - 1]].join('\n') + '\n';
    const garbage = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n';
    for (const pem of [truncated, garbage]) expect(() => importPrivateKeyPem(pem, 'pw')).toThrow(code('invalid_key'));
  });

  it('an RSA key gives not_ec', () => {
    const rsa = generateKeyPairSync('rsa', {modulusLength: 1024}).privateKey;
    expect(() => importPrivateKeyPem(rsa.export({type: 'pkcs8', format: 'pem'}).toString())).toThrow(code('not_ec'));
    const pem = rsa.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}).toString();
    expect(() => importPrivateKeyPem(pem, 'pw')).toThrow(code('not_ec'));
  });

  it('a P-521 key (the classic suite\'s curve) gives wrong_curve', () => {
    const p521 = generateKeyPairSync('ec', {namedCurve: 'P-521'}).privateKey;
    expect(() => importPrivateKeyPem(p521.export({type: 'pkcs8', format: 'pem'}).toString())).toThrow(code('wrong_curve'));
    const pem = p521.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}).toString();
    expect(() => importPrivateKeyPem(pem, 'pw')).toThrow(code('wrong_curve'));
  });

  it('a P-256 key with explicit curve parameters gives wrong_curve', () => {
    const explicit = generateKeyPairSync('ec', {namedCurve: 'P-256', paramEncoding: 'explicit'}).privateKey;
    expect(() => importPrivateKeyPem(explicit.export({type: 'pkcs8', format: 'pem'}).toString())).toThrow(code('wrong_curve'));
  });
});
