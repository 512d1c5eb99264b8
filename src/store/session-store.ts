import {chmodSync, existsSync, mkdirSync, renameSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import Conf from 'conf';
import {lock} from 'proper-lockfile';
import {parseStoredSession, storedSessionProblem, type StoredSession} from './session-record.js';

/** Why a session store operation failed. */
export type SessionStoreErrorCode = 'ambiguous_id' | 'not_found' | 'locked' | 'corrupt';

/** A session store operation failed; `code` says why, the message says what to do next. */
export class SessionStoreError extends Error {
  readonly code: SessionStoreErrorCode;
  constructor(code: SessionStoreErrorCode, message: string) {
    super(message);
    this.name = 'SessionStoreError';
    this.code = code;
  }
}

/** Something the store recovered from without losing data, reported through `onWarning`. */
export interface SessionStoreWarning {
  /** `corrupt_file`: the file was not valid JSON and was moved aside; `corrupt_entry`: one entry skipped. */
  readonly code: 'corrupt_file' | 'corrupt_entry' | 'lock_compromised';
  readonly message: string;
  /** Where a corrupt file was moved (`<file>.corrupt-<timestamp>`). */
  readonly movedTo?: string;
}

/** The client's sessions, kept in one JSON file (mode 0600) shared by every `rep` process. */
export interface SessionStore {
  /** Every valid session, newest (`createdAt`) first; corrupt entries are skipped and reported. */
  list(): Promise<StoredSession[]>;
  /** The session with this id or unique id prefix; throws `ambiguous_id` when several match. */
  get(idOrPrefix: string): Promise<StoredSession | undefined>;
  /** Adds or replaces a session (by id). */
  save(session: StoredSession): Promise<void>;
  /** Replaces the session `id` by `change(current)` atomically; throws `not_found` when absent. */
  update(id: string, change: (s: StoredSession) => StoredSession): Promise<StoredSession>;
  /** Removes the session `id` (also a corrupt one); false when there was none. */
  delete(id: string): Promise<boolean>;
  /** The JSON file holding the sessions. */
  readonly path: string;
}

/** Options of {@link createConfSessionStore}. */
export interface ConfSessionStoreOptions {
  /** Folder of the store (`repPaths().storeDir`). */
  readonly dir: string;
  /** File name without `.json`; default `sessions`. */
  readonly configName?: string;
  /** Receives recoveries (corrupt file moved aside, entry skipped); default `process.emitWarning`. */
  readonly onWarning?: (warning: SessionStoreWarning) => void;
  /** How many times to retry a held lock (backoff 10–300 ms, about 12 s in all); default 60. */
  readonly lockRetries?: number;
  /** A lock not refreshed for this long belongs to a dead process and is taken over; default 5000. */
  readonly lockStaleMs?: number;
}

type Sessions = Record<string, unknown>;
type StoreFile = {sessions?: Sessions};
class CorruptFile extends Error {}

const deserialize = (text: string): StoreFile => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptFile(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorruptFile('not a JSON object');
  const sessions = (value as {sessions?: unknown}).sessions;
  if (sessions !== undefined && (typeof sessions !== 'object' || sessions === null || Array.isArray(sessions))) {
    throw new CorruptFile('"sessions" is not an object');
  }
  return value as StoreFile;
};

/**
 * Creates the session store over conf. Reads go straight to the file (conf re-reads it on every access);
 * every mutation runs under a cross-process lock (proper-lockfile, `<file>.lock`) and re-reads the file
 * inside it, so concurrent `rep` processes lose nothing. A corrupt file is moved aside, never wiped.
 */
export function createConfSessionStore(options: ConfSessionStoreOptions): SessionStore {
  const configName = options.configName ?? 'sessions';
  const warn = options.onWarning ?? ((w: SessionStoreWarning) => process.emitWarning(w.message, {code: 'REP_SESSION_STORE'}));
  let conf: Conf<StoreFile> | undefined;
  const path = resolve(options.dir, `${configName}.json`);
  let queue: Promise<unknown> = Promise.resolve();

  const open = (): Conf<StoreFile> => {
    if (conf) return conf;
    // conf applies configFileMode on each write; tighten an existing looser file before the first one too.
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    conf = new Conf<StoreFile>({
      cwd: options.dir,
      configName,
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
      deserialize,
    });
    return conf;
  };

  /** Reads the raw entries; `undefined` when the file is corrupt. */
  const readRaw = (): Sessions | undefined => {
    try {
      return {...(open().get('sessions') ?? {})};
    } catch (error) {
      if (error instanceof CorruptFile) return undefined;
      throw error;
    }
  };

  /** Moves a corrupt file aside (caller holds the lock) and returns the entries to work with. */
  const readOrQuarantine = (): Sessions => {
    const raw = readRaw();
    if (raw !== undefined) return raw;
    let movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (let n = 1; existsSync(movedTo); n++) movedTo = `${movedTo.replace(/~\d+$/, '')}~${n}`;
    renameSync(path, movedTo);
    warn({code: 'corrupt_file', movedTo, message: `the session store ${path} was not readable JSON; it was moved to ${movedTo} and a new empty store was started (copy sessions back from it by hand if needed)`});
    return {};
  };

  const withLock = <T>(action: () => T): Promise<T> => {
    const run = async (): Promise<T> => {
      mkdirSync(options.dir, {recursive: true});
      let release: () => Promise<void>;
      try {
        release = await lock(path, {
          realpath: false,
          stale: Math.max(2000, options.lockStaleMs ?? 5000),
          retries: {retries: options.lockRetries ?? 60, factor: 1.3, minTimeout: 10, maxTimeout: 150, randomize: true},
          onCompromised: (error) => warn({code: 'lock_compromised', message: `the session store lock was lost (${error.message}); list the sessions to check that the last change was kept`}),
        });
      } catch (error) {
        if ((error as {code?: string}).code !== 'ELOCKED') throw error;
        throw new SessionStoreError('locked', `the session store ${path} is locked by another rep process; try again in a moment (if no rep process is running, remove ${path}.lock)`);
      }
      try {
        return action();
      } finally {
        await release().catch(() => undefined);
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const validEntries = (raw: Sessions): StoredSession[] => {
    const sessions: StoredSession[] = [];
    for (const [id, value] of Object.entries(raw)) {
      const session = parseStoredSession(value);
      if (session && session.id === id) sessions.push(session);
      else warn({code: 'corrupt_entry', message: `skipped session entry "${id}" in ${path}: ${storedSessionProblem(value) ?? 'its id does not match its key'} (it is kept; delete the session to clear this warning)`});
    }
    return sessions;
  };

  const readValid = async (): Promise<StoredSession[]> => validEntries(readRaw() ?? (await withLock(readOrQuarantine)));

  const write = (raw: Sessions): void => open().set('sessions', raw);

  const checked = (session: StoredSession, what: string): StoredSession => {
    const parsed = parseStoredSession(session);
    if (!parsed) throw new SessionStoreError('corrupt', `refusing to ${what} an invalid session: ${storedSessionProblem(session)}`);
    return parsed;
  };

  return {
    path,
    async list() {
      const sessions = await readValid();
      return sessions.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id));
    },
    async get(idOrPrefix) {
      if (idOrPrefix === '') return undefined;
      const sessions = await readValid();
      const exact = sessions.find((s) => s.id === idOrPrefix);
      if (exact) return exact;
      const matches = sessions.filter((s) => s.id.startsWith(idOrPrefix));
      if (matches.length > 1) {
        const shown = matches.slice(0, 5).map((s) => s.id).join(', ');
        throw new SessionStoreError('ambiguous_id', `"${idOrPrefix}" matches ${matches.length} sessions (${shown}); type more characters of the id`);
      }
      return matches[0];
    },
    async save(session) {
      const record = checked(session, 'save');
      await withLock(() => write({...readOrQuarantine(), [record.id]: record}));
    },
    async update(id, change) {
      return withLock(() => {
        const raw = readOrQuarantine();
        if (!Object.hasOwn(raw, id)) throw new SessionStoreError('not_found', `no session "${id}" in ${path}; list the sessions to see which ids exist`);
        const current = parseStoredSession(raw[id]);
        if (!current) throw new SessionStoreError('corrupt', `session "${id}" in ${path} is corrupt (${storedSessionProblem(raw[id])}); delete it and create a new session`);
        const next = checked(change(current), 'store');
        if (next.id !== id) throw new SessionStoreError('corrupt', `an update may not change the session id ("${id}" to "${next.id}")`);
        write({...raw, [id]: next});
        return next;
      });
    },
    async delete(id) {
      return withLock(() => {
        const raw = readOrQuarantine();
        if (!Object.hasOwn(raw, id)) return false;
        delete raw[id];
        write(raw);
        return true;
      });
    },
  };
}
