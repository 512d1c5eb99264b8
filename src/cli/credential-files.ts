import {readdirSync, readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {basename, dirname, isAbsolute, join, resolve, sep} from 'node:path';
import {CryptoError} from '../crypto/errors.js';
import {importPrivateKeyPem} from '../crypto/private-keys.js';

/** What a credentials file holds, as far as can be told without its password. */
export type CredentialKind = 'encrypted' | 'unencrypted' | 'not-a-key';

/** A candidate credentials file for `rep-create-session` (the wizard's key step lists them). */
export interface CredentialFile {
  /** Absolute path. */
  readonly path: string;
  readonly kind: CredentialKind;
  /** Why it is not usable (`not-a-key`, or an unencrypted key of the wrong kind), one phrase. */
  readonly problem?: string;
}

/** Reading more than this is pointless for a PEM private key. */
const MAX_KEY_FILE = 64 * 1024;

/**
 * Classifies one file: an encrypted PEM private key (its kind is known only once unlocked), an unencrypted
 * one (checked at once: it must be a P-256 EC key), or something else (public key, certificate, unreadable).
 */
export function classifyCredentialFile(path: string): CredentialFile {
  let text: string;
  try {
    if (statSync(path).size > MAX_KEY_FILE) return {path, kind: 'not-a-key', problem: 'too large to be a private key'};
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as {code?: string}).code;
    return {path, kind: 'not-a-key', problem: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : 'unreadable'};
  }
  if (/-----BEGIN (ENCRYPTED PRIVATE KEY|[A-Z ]*PRIVATE KEY-----[\s\S]*Proc-Type: 4,ENCRYPTED)/.test(text)) {
    return {path, kind: 'encrypted'};
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    const what = /PUBLIC KEY-----/.test(text) ? 'a public key, not a private key'
      : /CERTIFICATE-----/.test(text) ? 'a certificate, not a private key' : 'not a PEM private key';
    return {path, kind: 'not-a-key', problem: what};
  }
  try {
    importPrivateKeyPem(text);
    return {path, kind: 'unencrypted'};
  } catch (error) {
    return {path, kind: 'unencrypted', problem: error instanceof CryptoError ? error.message : 'unreadable private key'};
  }
}

/**
 * The `*.pem` files (public `*.pub.pem` files left out) in each folder, classified; folders that do not
 * exist are skipped, duplicates (the same folder twice) appear once, each folder's files sorted by name.
 */
export function listCredentialFiles(dirs: readonly string[]): CredentialFile[] {
  const seen = new Set<string>();
  const files: CredentialFile[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.pem') && !name.endsWith('.pub.pem')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = resolve(dir, name);
      if (seen.has(path)) continue;
      seen.add(path);
      files.push(classifyCredentialFile(path));
    }
  }
  return files;
}

/** Resolves a typed path: `~` is the home folder, relative paths start at `cwd`. */
export function resolveTypedPath(typed: string, cwd: string): string {
  const expanded = typed === '~' || typed.startsWith(`~${sep}`) || typed.startsWith('~/') ? join(homedir(), typed.slice(1)) : typed;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

/** The result of Tab on a typed path: the completed text and, when ambiguous, the candidates' names. */
export interface PathCompletion {
  readonly value: string;
  readonly candidates: readonly string[];
}

/**
 * Shell-like Tab completion of a typed path: completes to the longest common prefix of the entries that
 * start with the typed name (a folder gets a trailing `/`); the candidates are listed when several remain.
 * Hidden entries are offered only when the typed name starts with a dot.
 */
export function completePath(typed: string, cwd: string): PathCompletion {
  const endsWithSep = typed === '' || typed.endsWith('/') || typed.endsWith(sep);
  const dirPart = endsWithSep ? typed : typed.slice(0, typed.length - basename(typed).length);
  const prefix = endsWithSep ? '' : basename(typed);
  const folder = resolveTypedPath(dirPart === '' ? '.' : dirPart, cwd);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return {value: typed, candidates: []};
  }
  const matches = entries.filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.'))).sort();
  if (matches.length === 0) return {value: typed, candidates: []};
  const common = matches.reduce((a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  });
  let completed = `${dirPart}${common}`;
  if (matches.length === 1 && isFolder(join(folder, common))) completed += '/';
  return {value: completed, candidates: matches.length > 1 ? matches : []};
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A short way to show a credentials path: relative to one of the known folders when inside it. */
export function displayPath(path: string, folders: ReadonlyArray<{readonly dir: string; readonly label: string}>): string {
  for (const {dir, label} of folders) {
    if (dirname(path) === resolve(dir)) return `${label}/${basename(path)}`;
  }
  return path;
}
