import {existsSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {createKeyWrapper} from '../../server/keys/key-wrapper.js';
import {loadOrCreateMasterKey, MASTER_KEY_LENGTH} from '../../server/keys/master-key.js';
import {loadOrCreateRepositoryIdentity, repositoryKeyPassphrase} from '../../server/keys/repository-identity.js';
import {SetupError} from '../../server/errors.js';
import {CryptoError} from '../../src/crypto/errors.js';
import {fingerprint, exportPublicKeyPem} from '../../src/crypto/p256.js';
import {generateP256KeyPair, importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {makeTempHome, type TempHome} from './server-fixtures.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('master key', () => {
  let home: TempHome;
  beforeEach(() => {
    home = makeTempHome();
  });
  afterEach(() => home.remove());

  it('creates 32 random bytes in a 0600 file inside a 0700 folder, and reloads the same key', () => {
    const key = loadOrCreateMasterKey(home.paths.masterKey);
    expect(key).toHaveLength(MASTER_KEY_LENGTH);
    expect(mode(home.paths.masterKey)).toBe(0o600);
    expect(mode(dirname(home.paths.masterKey))).toBe(0o700);
    expect(loadOrCreateMasterKey(home.paths.masterKey).equals(key)).toBe(true);
  });

  it('refuses an existing file of the wrong size', () => {
    loadOrCreateMasterKey(home.paths.masterKey);
    writeFileSync(home.paths.masterKey, Buffer.alloc(31));
    expect(() => loadOrCreateMasterKey(home.paths.masterKey)).toThrow(SetupError);
    expect(() => loadOrCreateMasterKey(home.paths.masterKey)).toThrow(/31 bytes instead of 32/);
  });
});

describe('key wrapper', () => {
  const wrapper = createKeyWrapper(Buffer.alloc(32, 7));
  const secret = Buffer.from('session keys: 64 bytes of very secret material.................!');

  it('unwraps what it wrapped with the same associated data', () => {
    const wrapped = wrapper.wrap(secret, Buffer.from('session-1'));
    expect(wrapped).toHaveLength(12 + 16 + secret.length);
    expect(wrapper.unwrap(wrapped, Buffer.from('session-1')).equals(secret)).toBe(true);
  });

  it('uses a fresh IV each time', () => {
    const a = wrapper.wrap(secret, Buffer.from('x'));
    const b = wrapper.wrap(secret, Buffer.from('x'));
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
  });

  it('fails with the wrong associated data', () => {
    const wrapped = wrapper.wrap(secret, Buffer.from('session-1'));
    expect(() => wrapper.unwrap(wrapped, Buffer.from('session-2'))).toThrow(CryptoError);
  });

  it('fails with another master key, a flipped bit, or a truncated value', () => {
    const wrapped = wrapper.wrap(secret, Buffer.from('s'));
    expect(() => createKeyWrapper(Buffer.alloc(32, 8)).unwrap(wrapped, Buffer.from('s'))).toThrow(CryptoError);
    const flipped = Buffer.from(wrapped);
    flipped[flipped.length - 1] ^= 1;
    expect(() => wrapper.unwrap(flipped, Buffer.from('s'))).toThrow(CryptoError);
    expect(() => wrapper.unwrap(wrapped.subarray(0, 27), Buffer.from('s'))).toThrow(CryptoError);
  });

  it('refuses a master key of the wrong length', () => {
    expect(() => createKeyWrapper(Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe('repository identity', () => {
  let home: TempHome;
  let masterKey: Buffer;
  beforeEach(() => {
    home = makeTempHome();
    masterKey = loadOrCreateMasterKey(home.paths.masterKey);
  });
  afterEach(() => home.remove());

  it('creates an encrypted private key (0600) and a public key (0644) on first start', () => {
    const identity = loadOrCreateRepositoryIdentity(home.paths, masterKey);
    expect(mode(home.paths.repositoryPrivateKey)).toBe(0o600);
    expect(mode(home.paths.repositoryPublicKey)).toBe(0o644);
    const pem = readFileSync(home.paths.repositoryPrivateKey, 'utf8');
    expect(pem).toContain('ENCRYPTED PRIVATE KEY');
    const loaded = importPrivateKeyPem(pem, repositoryKeyPassphrase(masterKey));
    expect(fingerprint(loaded)).toBe(identity.fingerprint);
    expect(readFileSync(home.paths.repositoryPublicKey, 'utf8')).toBe(identity.publicKeyPem);
    expect(identity.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reloads the same key (same fingerprint) on later starts', () => {
    const first = loadOrCreateRepositoryIdentity(home.paths, masterKey);
    const second = loadOrCreateRepositoryIdentity(home.paths, masterKey);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('refuses a public key that does not match the private key', () => {
    loadOrCreateRepositoryIdentity(home.paths, masterKey);
    writeFileSync(home.paths.repositoryPublicKey, exportPublicKeyPem(generateP256KeyPair().publicKey));
    expect(() => loadOrCreateRepositoryIdentity(home.paths, masterKey)).toThrow(
      expect.objectContaining({code: 'repository_key_mismatch'}),
    );
  });

  it('refuses to decrypt the private key under another master key', () => {
    loadOrCreateRepositoryIdentity(home.paths, masterKey);
    expect(() => loadOrCreateRepositoryIdentity(home.paths, Buffer.alloc(32, 1))).toThrow(
      expect.objectContaining({code: 'repository_key_unreadable'}),
    );
  });

  it('refuses to replace a missing private key while the pinned public key exists', () => {
    loadOrCreateRepositoryIdentity(home.paths, masterKey);
    rmSync(home.paths.repositoryPrivateKey);
    expect(() => loadOrCreateRepositoryIdentity(home.paths, masterKey)).toThrow(
      expect.objectContaining({code: 'repository_key_missing'}),
    );
  });

  it('rewrites a missing public key from the private key', () => {
    const first = loadOrCreateRepositoryIdentity(home.paths, masterKey);
    rmSync(home.paths.repositoryPublicKey);
    const second = loadOrCreateRepositoryIdentity(home.paths, masterKey);
    expect(existsSync(home.paths.repositoryPublicKey)).toBe(true);
    expect(second.fingerprint).toBe(first.fingerprint);
  });
});
