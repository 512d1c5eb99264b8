import {createPrivateKey, createPublicKey, type KeyObject} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import type {CredentialFile} from '../../src/cli/credential-files.js';
import {SUITE_CURVE, type Suite} from '../suites.js';

const CURVE_NAMES: Readonly<Record<string, string>> = {prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'};

/** The curve of an EC key as people name it (`P-256`, `P-521` ...); undefined for other keys or explicit parameters. */
export function curveOf(key: KeyObject): string | undefined {
  const named = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  return named === undefined || named === 'UNDEF' ? undefined : CURVE_NAMES[named] ?? named;
}

/** Public key files that may sit beside a credentials file: ours (`x.pem` → `x.pub.pem`), the reference's (`priv_x.pem` → `pub_x.pub`). */
export function publicKeyFilesBeside(path: string): string[] {
  const name = basename(path);
  const ours = name.endsWith('.pem') ? `${name.slice(0, -4)}.pub.pem` : `${name}.pub.pem`;
  const reference = /^priv_(.+)\.pem$/.exec(name);
  return [join(dirname(path), ours), ...(reference ? [join(dirname(path), `pub_${reference[1]}.pub`)] : [])];
}

/** A credentials file as the key step lists it for a suite: what {@link CredentialFile} says, plus its curve. */
export interface KeyFile extends CredentialFile {
  /** `P-256`, `P-521` ...: from the key (unencrypted), or from the public key file beside an encrypted one. */
  readonly curve?: string;
  /** The public key file the curve was read from (encrypted keys). */
  readonly curveFrom?: string;
  /** The key is on another curve than the suite needs. */
  readonly wrongCurve?: boolean;
}

const readCurve = (read: () => KeyObject): string | undefined => {
  try {
    return curveOf(read());
  } catch {
    return undefined;
  }
};

/**
 * Adds the curve to a listed file and judges it for `suite` (v2 needs P-256, classic P-521): an unencrypted key
 * is read; an encrypted one is judged by the public key file beside it, when there is one (its own curve is
 * known only once unlocked).
 */
export function inspectKeyFile(file: CredentialFile, suite: Suite): KeyFile {
  if (file.kind === 'not-a-key') return file;
  const needed = SUITE_CURVE[suite];
  if (file.kind === 'unencrypted') {
    const curve = readCurve(() => createPrivateKey(readFileSync(file.path, 'utf8')));
    if (curve === undefined) return file;
    return {path: file.path, kind: file.kind, curve, wrongCurve: curve !== needed, ...(curve !== needed ? {problem: wrongCurvePhrase(curve, suite)} : {})};
  }
  for (const pub of publicKeyFilesBeside(file.path)) {
    const curve = readCurve(() => createPublicKey(readFileSync(pub, 'utf8')));
    if (curve !== undefined) return {...file, curve, curveFrom: basename(pub), wrongCurve: curve !== needed};
  }
  return file;
}

/** The curve of an encrypted key once its password is known (undefined when it does not open). */
export const unlockedCurve = (path: string, password: string): string | undefined =>
  readCurve(() => createPrivateKey({key: readFileSync(path, 'utf8'), format: 'pem', passphrase: password}));

/** `wrong curve: P-256, classic needs P-521` (short: it is a hint in the key list). */
export const wrongCurvePhrase = (curve: string, suite: Suite) => `wrong curve: ${curve}, ${suite} needs ${SUITE_CURVE[suite]}`;

/** The sentence when a key of the wrong curve is chosen: what it is, what the suite needs, what to do. */
export function wrongCurveSentence(name: string, curve: string, suite: Suite, from?: string): string {
  const other = suite === 'v2' ? 'classic' : 'v2';
  const hint = SUITE_CURVE[other] === curve ? `, or go back (Esc) and choose the ${other} suite` : '';
  return `${name} is a ${curve} key${from ? ` (says ${from})` : ''}, but the ${suite} suite needs a ${SUITE_CURVE[suite]} key: choose another key or generate new credentials${hint}`;
}
