import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import {SetupError} from '../errors.js';
import {ensurePrivateDir, writeFileExclusive} from './secure-files.js';

/** Length of the master key in bytes. */
export const MASTER_KEY_LENGTH = 32;

/**
 * Returns the server's 32-byte master key, creating it on first start: random bytes in a file of mode 0600
 * inside a folder of mode 0700. Refuses (SetupError `master_key_invalid`) an existing file of another size
 * or kind, since silently replacing it would make every wrapped secret unreadable.
 */
export function loadOrCreateMasterKey(path: string): Buffer {
  ensurePrivateDir(dirname(path));
  if (!existsSync(path)) writeFileExclusive(path, randomBytes(MASTER_KEY_LENGTH), 0o600);
  const stats = statSync(path);
  if (!stats.isFile()) {
    throw new SetupError('master_key_invalid', `The master key ${path} is not a regular file. Refusing to start.`);
  }
  if (stats.size !== MASTER_KEY_LENGTH) {
    throw new SetupError(
      'master_key_invalid',
      `The master key ${path} has ${stats.size} bytes instead of ${MASTER_KEY_LENGTH}. Refusing to start: ` +
        'restore the original file (replacing it makes the repository key and stored sessions unreadable).',
    );
  }
  const key = readFileSync(path);
  if (key.length !== MASTER_KEY_LENGTH) {
    throw new SetupError('master_key_invalid', `The master key ${path} changed while it was read. Refusing to start.`);
  }
  return key;
}
