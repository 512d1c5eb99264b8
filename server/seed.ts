import {join} from 'node:path';
import type {RepositoryDb} from './context.js';
import type {RepPaths} from '../src/paths.js';
import {exportPublicKeyPem, exportSpki} from '../src/crypto/p256.js';
import {exportEncryptedPrivateKeyPem, generateP256KeyPair} from '../src/crypto/private-keys.js';
import {ServerError} from './errors.js';
import {ensurePrivateDir, writeFileReplacing} from './keys/secure-files.js';

/** Organization created by the demo seed. */
export const DEMO_ORGANIZATION = 'acme';
/** Subject created by the demo seed. */
export const DEMO_USERNAME = 'alice';
/** Password of the demo subject's encrypted private key (a demo: printed by rep-server, never secret). */
export const DEMO_PASSWORD = 'alice-demo';

/** Where the demo subject's credentials are written. */
export function demoCredentialFiles(paths: RepPaths): {readonly privateKey: string; readonly publicKey: string} {
  return {
    privateKey: join(paths.credentialsDir, `${DEMO_USERNAME}.pem`),
    publicKey: join(paths.credentialsDir, `${DEMO_USERNAME}.pub.pem`),
  };
}

/**
 * Seeds an empty repository with organization `acme` and subject `alice` ('Alice Demo',
 * alice@acme.example), whose fresh P-256 credentials go to `credentialsDir/alice.pem` (encrypted PKCS#8
 * under {@link DEMO_PASSWORD}, mode 0600) and `alice.pub.pem`. Does nothing when any organization
 * exists. Returns whether it seeded.
 */
export function seedDemo(db: RepositoryDb, paths: RepPaths): boolean {
  if (db.listOrganizations().length > 0) return false;
  const {privateKey} = generateP256KeyPair();
  const files = demoCredentialFiles(paths);
  ensurePrivateDir(paths.credentialsDir);
  // Database first, then files: if another process seeded meanwhile, its credentials stay untouched.
  try {
    db.createOrganization({
      name: DEMO_ORGANIZATION,
      username: DEMO_USERNAME,
      fullName: 'Alice Demo',
      email: 'alice@acme.example',
      publicKeySpki: exportSpki(privateKey),
    });
  } catch (error) {
    if (error instanceof ServerError && error.code === 'organization_exists') return false;
    throw error;
  }
  writeFileReplacing(files.privateKey, exportEncryptedPrivateKeyPem(privateKey, DEMO_PASSWORD), 0o600);
  writeFileReplacing(files.publicKey, exportPublicKeyPem(privateKey), 0o644);
  return true;
}
