import type {KeyObject} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {CryptoError, CryptoErrorCode} from '../crypto/errors.js';
import {exportPublicKeyPem, fingerprint} from '../crypto/p256.js';
import {exportEncryptedPrivateKeyPem, generateP256KeyPair, importPrivateKeyPem} from '../crypto/private-keys.js';
import {CliError, ExitCode} from './errors.js';

/** The public key file written beside a credentials file: `x.pem` → `x.pub.pem`, otherwise `x.pub.pem`. */
export function publicKeyFileFor(credentialsFile: string): string {
  return credentialsFile.endsWith('.pem') ? `${credentialsFile.slice(0, -4)}.pub.pem` : `${credentialsFile}.pub.pem`;
}

/**
 * Writes new P-256 subject credentials: the private key as encrypted PKCS#8 PEM (mode 0600) and the public
 * SPKI PEM beside it. Refuses to overwrite existing files unless `force` (nothing is ever lost silently).
 */
export function writeCredentials(credentialsFile: string, password: string, force = false): {publicKeyFile: string; fingerprint: string} {
  if (password === '') throw new CliError(ExitCode.Usage, 'empty_password', 'the password must not be empty.');
  const publicKeyFile = publicKeyFileFor(credentialsFile);
  for (const file of [credentialsFile, publicKeyFile]) {
    if (!force && existsSync(file)) {
      throw new CliError(ExitCode.LocalInput, 'file_exists', `${file} already exists: choose another name or pass --force to replace it.`);
    }
  }
  const {privateKey, publicKey} = generateP256KeyPair();
  writeFileSync(credentialsFile, exportEncryptedPrivateKeyPem(privateKey, password), {mode: 0o600, flag: force ? 'w' : 'wx'});
  writeFileSync(publicKeyFile, exportPublicKeyPem(publicKey), {mode: 0o644, flag: force ? 'w' : 'wx'});
  return {publicKeyFile, fingerprint: fingerprint(publicKey)};
}

/** Loads a subject's private key, with one sentence per failure (missing file, wrong password, wrong kind). */
export function loadSubjectKey(credentialsFile: string, password: string | undefined): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(credentialsFile, 'utf8');
  } catch {
    throw new CliError(ExitCode.LocalInput, 'credentials_unreadable', `cannot read the credentials file ${credentialsFile}: check the path.`);
  }
  try {
    return importPrivateKeyPem(pem, password);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    const reason: Record<string, string> = {
      [CryptoErrorCode.WrongPassword]: `wrong password for ${credentialsFile}`,
      [CryptoErrorCode.PasswordRequired]: `${credentialsFile} is encrypted: give its password (argument, REP_KEY_PASSWORD or the prompt)`,
      [CryptoErrorCode.InvalidKey]: `${credentialsFile} is not a PEM private key`,
      [CryptoErrorCode.NotEc]: `${credentialsFile} is not an EC key (${error.message})`,
      [CryptoErrorCode.WrongCurve]: `${credentialsFile} is not a P-256 key (${error.message})`,
    };
    throw new CliError(ExitCode.LocalInput, error.code, `${reason[error.code] ?? error.message}.`);
  }
}
