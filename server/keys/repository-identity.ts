import {createPublicKey, type KeyObject} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import type {RepositoryIdentity} from '../context.js';
import type {RepPaths} from '../../src/paths.js';
import {utf8} from '../../src/crypto/bytes.js';
import {CryptoError, CryptoErrorCode} from '../../src/crypto/errors.js';
import {hkdf} from '../../src/crypto/hkdf.js';
import {exportPublicKeyPem, exportSpki, fingerprint, importP256PublicKey} from '../../src/crypto/p256.js';
import {exportEncryptedPrivateKeyPem, generateP256KeyPair, importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {SetupError} from '../errors.js';
import {ensurePrivateDir, writeFileExclusive, writeFileReplacing} from './secure-files.js';

/** Passphrase of the repository's encrypted private key: hex HKDF-SHA256(master key, info "rep repository key passphrase"). */
export function repositoryKeyPassphrase(masterKey: Uint8Array): string {
  return hkdf(masterKey, Buffer.alloc(0), utf8('rep repository key passphrase'), 32).toString('hex');
}

function loadPrivateKey(path: string, passphrase: string): KeyObject {
  try {
    return importPrivateKeyPem(readFileSync(path, 'utf8'), passphrase);
  } catch (error) {
    if (error instanceof CryptoError && error.code === CryptoErrorCode.WrongPassword) {
      throw new SetupError(
        'repository_key_unreadable',
        `The repository private key ${path} cannot be decrypted with the master key (was the master key replaced?).`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SetupError('repository_key_unreadable', `The repository private key ${path} is unusable: ${reason}.`);
  }
}

function checkPublicKey(path: string, privateKey: KeyObject): void {
  let publicKey: KeyObject;
  try {
    publicKey = importP256PublicKey(readFileSync(path, 'utf8'));
  } catch {
    throw new SetupError('repository_key_mismatch', `The repository public key ${path} is not a readable P-256 key.`);
  }
  if (!exportSpki(publicKey).equals(exportSpki(privateKey))) {
    throw new SetupError(
      'repository_key_mismatch',
      `The repository public key ${path} does not match the private key beside it. Refusing to start.`,
    );
  }
}

/**
 * Loads the repository's long-term P-256 signing key pair, generating it on first start: the private key
 * as encrypted PKCS#8 PEM (passphrase from {@link repositoryKeyPassphrase}, mode 0600), the public key as
 * SPKI PEM (mode 0644, what clients pin). On later starts the public file must match the private key;
 * a missing private key beside an existing public key is refused rather than silently replaced.
 */
export function loadOrCreateRepositoryIdentity(paths: RepPaths, masterKey: Uint8Array): RepositoryIdentity {
  const privatePath = paths.repositoryPrivateKey;
  const publicPath = paths.repositoryPublicKey;
  const passphrase = repositoryKeyPassphrase(masterKey);
  ensurePrivateDir(dirname(privatePath));
  if (!existsSync(privatePath)) {
    if (existsSync(publicPath)) {
      throw new SetupError(
        'repository_key_missing',
        `The repository private key ${privatePath} is missing but its public key ${publicPath} exists. ` +
          'Refusing to generate a new key that clients have not pinned; restore the private key or remove the public one.',
      );
    }
    const {privateKey} = generateP256KeyPair();
    if (writeFileExclusive(privatePath, exportEncryptedPrivateKeyPem(privateKey, passphrase), 0o600)) {
      writeFileReplacing(publicPath, exportPublicKeyPem(privateKey), 0o644);
    }
  }
  const privateKey = loadPrivateKey(privatePath, passphrase);
  if (existsSync(publicPath)) checkPublicKey(publicPath, privateKey);
  else writeFileReplacing(publicPath, exportPublicKeyPem(privateKey), 0o644);
  const publicKey = createPublicKey(privateKey);
  return {privateKey, publicKey, publicKeyPem: exportPublicKeyPem(publicKey), fingerprint: fingerprint(publicKey)};
}
