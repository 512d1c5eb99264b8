import {randomBytes} from 'node:crypto';
import {chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/** Creates a folder (and its parents) readable only by the owner (mode 0700 for the folders it creates). */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, {recursive: true, mode: 0o700});
}

function writeTemp(path: string, data: string | Uint8Array, mode: number): string {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, mode); // the umask may have narrowed (or, for 0644, kept) the mode: set it exactly
  return temp;
}

/**
 * Writes a complete file with `mode` only if `path` does not exist yet, atomically: the content goes to a
 * temporary file first, which is then hard-linked into place (fails if another writer got there first).
 * Returns false when the file already existed; a reader never sees a partial file.
 */
export function writeFileExclusive(path: string, data: string | Uint8Array, mode: number): boolean {
  const temp = writeTemp(path, data, mode);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, {force: true});
  }
}

/** Writes a complete file with `mode`, replacing any existing one atomically (temporary file, rename). */
export function writeFileReplacing(path: string, data: string | Uint8Array, mode: number): void {
  const temp = writeTemp(path, data, mode);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, {force: true});
    throw error;
  }
}
