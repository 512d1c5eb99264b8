import {existsSync, rmSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import type {StoredSession} from '../../src/store/session-record.js';

/** Where an export goes unless the user types another path: `<dir>/session-<first 8 characters of the id>.json`. */
export function defaultExportPath(dir: string, session: StoredSession): string {
  return join(dir, `session-${session.id.slice(0, 8)}.json`);
}

/** A typed path made absolute: `~/` is the home folder, relative paths are relative to `cwd`. */
export function resolveExportPath(typed: string, cwd: string): string {
  const path = typed.trim();
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : resolve(cwd, path);
}

/** Whether writing to `path` would replace a file (the browser asks first). */
export const exportTargetExists = (path: string): boolean => existsSync(path);

/**
 * Writes the session (key material included, as `rep-create-session` writes its session file) as JSON with
 * mode 0600. Never replaces a file unless `overwrite`; the new file is always created afresh (O_EXCL), so
 * it never inherits a looser mode or follows a symbolic link.
 */
export function writeSessionFile(path: string, session: StoredSession, overwrite = false): void {
  if (overwrite) rmSync(path, {force: true});
  writeFileSync(path, `${JSON.stringify(session, null, 2)}\n`, {mode: 0o600, flag: 'wx'});
}
