import type {Database} from 'better-sqlite3';

/** A classic-suite session as stored (the reference's `session` row, README §2). */
export interface ClassicSessionRow {
  readonly id: number;
  readonly organization: string;
  readonly username: string;
  /** The 64-byte session key, wrapped under the master key. */
  readonly wrappedKey: Buffer;
  readonly nonce: string;
  /** The counter of the last accepted request (0 at creation). */
  readonly counter: number;
  readonly createdAt: number;
  /** Milliseconds since the epoch; the session expires `lifetime` after it. */
  readonly lastInteraction: number;
}

/** Classic sessions in the repository database. */
export interface ClassicSessionDb {
  /** The subject's most recent session (highest id), for the one-live-session rule. */
  latest(organization: string, username: string): ClassicSessionRow | undefined;
  /** Stores a new session (counter 0, last interaction = created) and returns its sequential id. */
  insert(row: {organization: string; username: string; wrappedKey: Buffer; nonce: string; createdAt: number}): number;
  get(id: number): ClassicSessionRow | undefined;
  /** Accepts a request atomically: counter := `counter` and last_interaction := `now` if `counter` is greater; false otherwise. */
  accept(id: number, counter: number, now: number): boolean;
  /** Deletes sessions idle since before `before` (ms); ids are never reused. Returns how many. */
  deleteIdle(before: number): number;
}

interface Record {
  id: number;
  organization: string;
  username: string;
  wrapped_key: Buffer;
  nonce: string;
  counter: number;
  created_at: number;
  last_interaction: number;
}

const toRow = (r: Record): ClassicSessionRow => ({
  id: r.id, organization: r.organization, username: r.username, wrappedKey: r.wrapped_key, nonce: r.nonce,
  counter: r.counter, createdAt: r.created_at, lastInteraction: r.last_interaction,
});

/** Prepares the classic session statements on a migrated connection (schema migration 2). */
export function createClassicSessionDb(db: Database): ClassicSessionDb {
  const latest = db.prepare<[string, string], Record>('SELECT * FROM classic_sessions WHERE organization = ? AND username = ? ORDER BY id DESC LIMIT 1');
  const insert = db.prepare<[string, string, Buffer, string, number, number]>(
    'INSERT INTO classic_sessions (organization, username, wrapped_key, nonce, counter, created_at, last_interaction) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  const get = db.prepare<[number], Record>('SELECT * FROM classic_sessions WHERE id = ?');
  const accept = db.prepare<[number, number, number, number]>('UPDATE classic_sessions SET counter = ?, last_interaction = ? WHERE id = ? AND counter < ?');
  const deleteIdle = db.prepare<[number]>('DELETE FROM classic_sessions WHERE last_interaction < ?');
  return {
    latest: (organization, username) => {
      const record = latest.get(organization, username);
      return record === undefined ? undefined : toRow(record);
    },
    insert: (row) => Number(insert.run(row.organization, row.username, row.wrappedKey, row.nonce, row.createdAt, row.createdAt).lastInsertRowid),
    get: (id) => {
      if (!Number.isSafeInteger(id)) return undefined;
      const record = get.get(id);
      return record === undefined ? undefined : toRow(record);
    },
    accept: (id, counter, now) => Number.isSafeInteger(counter) && accept.run(counter, now, id, counter).changes === 1,
    deleteIdle: (before) => deleteIdle.run(before).changes,
  };
}
