import {createPublicKey, type KeyObject} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import type {RepositoryIdentity} from '../context.js';
import type {RepPaths} from '../../src/paths.js';
import {utf8} from '../../src/crypto/bytes.js';
import {CryptoError, CryptoErrorCode} from '../../src/crypto/errors.js';
import {hkdf} from '../../src/crypto/hkdf.js';
import {canonicalP521Spki, exportP521PublicKeyPem, generateP521KeyPair, importP521PublicKey, p521Fingerprint} from '../../src/crypto/p521.js';
import {exportEncryptedPrivateKeyPem, importP521PrivateKeyPem} from '../../src/crypto/private-keys.js';
import {SetupError} from '../errors.js';
import {ensurePrivateDir, writeFileExclusive, writeFileReplacing} from './secure-files.js';

/** Passphrase of the classic repository key at rest: hex HKDF-SHA256(master key, info "rep classic repository key passphrase"). */
export function classicKeyPassphrase(masterKey: Uint8Array): string {
  return hkdf(masterKey, Buffer.alloc(0), utf8('rep classic repository key passphrase'), 32).toString('hex');
}

function identity(privateKey: KeyObject): RepositoryIdentity {
  const publicKey = createPublicKey(privateKey);
  return {privateKey, publicKey, publicKeyPem: exportP521PublicKeyPem(publicKey), fingerprint: p521Fingerprint(publicKey)};
}

function load(path: string, password: string, origin: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new SetupError('classic_key_unreadable', `Cannot read the classic repository key ${path} (${origin}).`);
  }
  try {
    return importP521PrivateKeyPem(pem, password);
  } catch (error) {
    const wrong = error instanceof CryptoError && (error.code === CryptoErrorCode.WrongPassword || error.code === CryptoErrorCode.PasswordRequired);
    throw new SetupError('classic_key_unreadable', wrong
      ? `The classic repository key ${path} cannot be decrypted with the ${origin === '--repo-key' ? 'password given (--repo-key-password)' : 'master key'}.`
      : `The classic repository key ${path} is not a P-521 private key: ${(error as Error).message}.`);
  }
}

/**
 * A classic repository key given by the operator (`rep-server --repo-key <pem> --repo-key-password <pw>`),
 * e.g. the reference's `server/repkeys/rep_priv_key.pem` (encrypted PKCS#8, P-521). Used in place, never
 * copied. Throws SetupError on a missing file, a wrong password or a key that is not P-521.
 */
export function loadGivenClassicIdentity(file: string, password: string | undefined): RepositoryIdentity {
  return identity(load(file, password ?? '', '--repo-key'));
}

/**
 * The classic suite's own repository key pair (P-521, separate from the v2 P-256 key), generated on first
 * start like the v2 one: encrypted PKCS#8 under {@link classicKeyPassphrase} (mode 0600) and the SPKI PEM
 * beside it (mode 0644, what classic clients pin). A public file that does not match is refused.
 */
export function loadOrCreateClassicIdentity(paths: RepPaths, masterKey: Uint8Array): RepositoryIdentity {
  const privatePath = paths.classicRepositoryPrivateKey;
  const publicPath = paths.classicRepositoryPublicKey;
  const passphrase = classicKeyPassphrase(masterKey);
  ensurePrivateDir(dirname(privatePath));
  if (!existsSync(privatePath)) {
    if (existsSync(publicPath)) {
      throw new SetupError('classic_key_missing', `The classic repository private key ${privatePath} is missing but its public key ${publicPath} exists. Refusing to generate a new key that clients have not pinned.`);
    }
    const {privateKey} = generateP521KeyPair();
    if (writeFileExclusive(privatePath, exportEncryptedPrivateKeyPem(privateKey, passphrase), 0o600)) {
      writeFileReplacing(publicPath, exportP521PublicKeyPem(privateKey), 0o644);
    }
  }
  const loaded = identity(load(privatePath, passphrase, 'REP_HOME'));
  if (!existsSync(publicPath)) {
    writeFileReplacing(publicPath, loaded.publicKeyPem, 0o644);
  } else {
    let onDisk: Buffer | undefined;
    try {
      onDisk = canonicalP521Spki(importP521PublicKey(readFileSync(publicPath, 'utf8')));
    } catch {
      onDisk = undefined;
    }
    if (!onDisk?.equals(canonicalP521Spki(loaded.publicKey))) {
      throw new SetupError('classic_key_mismatch', `The classic repository public key ${publicPath} does not match the private key beside it. Refusing to start.`);
    }
  }
  return loaded;
}
