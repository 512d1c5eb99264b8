import type {KeyObject} from 'node:crypto';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {CryptoError, CryptoErrorCode} from '../crypto/errors.js';
import {exportPublicKeyPem, fingerprint} from '../crypto/p256.js';
import {exportP521PublicKeyPem, generateP521KeyPair, p521Fingerprint} from '../crypto/p521.js';
import {exportEncryptedPrivateKeyPem, generateP256KeyPair, importP521PrivateKeyPem, importPrivateKeyPem} from '../crypto/private-keys.js';
import type {SuiteName} from './args.js';
import {CliError, ExitCode} from './errors.js';

/** The public key file written beside a credentials file: `x.pem` → `x.pub.pem`, otherwise `x.pub.pem`. */
export function publicKeyFileFor(credentialsFile: string): string {
  return credentialsFile.endsWith('.pem') ? `${credentialsFile.slice(0, -4)}.pub.pem` : `${credentialsFile}.pub.pem`;
}

/**
 * Writes new subject credentials — P-256 for v2, P-521 for classic (the reference's `rep_subject_credentials`
 * format: encrypted PKCS#8, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC) — the private key as encrypted
 * PKCS#8 PEM (mode 0600) and the public SPKI PEM beside it. Refuses to overwrite existing files unless
 * `force` (nothing is ever lost silently).
 */
export function writeCredentials(credentialsFile: string, password: string, force = false, suite: SuiteName = 'v2'): {publicKeyFile: string; fingerprint: string} {
  if (password === '') throw new CliError(ExitCode.Usage, 'empty_password', 'the password must not be empty.');
  const publicKeyFile = publicKeyFileFor(credentialsFile);
  for (const file of [credentialsFile, publicKeyFile]) {
    if (!force && existsSync(file)) {
      throw new CliError(ExitCode.LocalInput, 'file_exists', `${file} already exists: choose another name or pass --force to replace it.`);
    }
  }
  const classic = suite === 'classic';
  const {privateKey, publicKey} = classic ? generateP521KeyPair() : generateP256KeyPair();
  writeNewFile(credentialsFile, exportEncryptedPrivateKeyPem(privateKey, password), 0o600, force);
  try {
    writeNewFile(publicKeyFile, classic ? exportP521PublicKeyPem(publicKey) : exportPublicKeyPem(publicKey), 0o644, force);
  } catch (error) {
    rmSync(credentialsFile, {force: true}); // no private key left without its public half
    throw error;
  }
  return {publicKeyFile, fingerprint: classic ? p521Fingerprint(publicKey) : fingerprint(publicKey)};
}

/** Writes one credentials file, failing with one sentence that says why (missing folder, permissions, a folder in the way). */
function writeNewFile(file: string, text: string, mode: number, force: boolean): void {
  try {
    writeFileSync(file, text, {mode, flag: force ? 'w' : 'wx'});
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `the folder ${dirname(file)} does not exist: create it first or choose another path`
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied: choose a folder you can write to'
        : code === 'EISDIR' ? 'it is a folder: give a file name'
          : code === 'EEXIST' ? 'it already exists: choose another name or pass --force to replace it' : (error as Error).message;
    throw new CliError(ExitCode.LocalInput, 'credentials_unwritable', `cannot write ${file}: ${why}.`);
  }
}

/**
 * Loads a subject's private key (P-256 for v2, P-521 for classic — e.g. the reference's `priv_<cred>.pem`),
 * with one sentence per failure (missing file, wrong password, wrong kind).
 */
export function loadSubjectKey(credentialsFile: string, password: string | undefined, suite: SuiteName = 'v2'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(credentialsFile, 'utf8');
  } catch {
    throw new CliError(ExitCode.LocalInput, 'credentials_unreadable', `cannot read the credentials file ${credentialsFile}: check the path.`);
  }
  try {
    return suite === 'classic' ? importP521PrivateKeyPem(pem, password) : importPrivateKeyPem(pem, password);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    const reason: Record<string, string> = {
      [CryptoErrorCode.WrongPassword]: `wrong password for ${credentialsFile}`,
      [CryptoErrorCode.PasswordRequired]: `${credentialsFile} is encrypted: give its password (argument, REP_KEY_PASSWORD or the prompt)`,
      [CryptoErrorCode.InvalidKey]: `${credentialsFile} is not a PEM private key`,
      [CryptoErrorCode.NotEc]: `${credentialsFile} is not an EC key (${error.message})`,
      [CryptoErrorCode.WrongCurve]: `${credentialsFile} is not a ${suite === 'classic' ? 'P-521' : 'P-256'} key (${error.message})`,
    };
    throw new CliError(ExitCode.LocalInput, error.code, `${reason[error.code] ?? error.message}.`);
  }
}
