import type {Database} from 'better-sqlite3';
import {SetupError} from '../errors.js';

/**
 * Schema migrations, in order: migration i brings the database from version i to i + 1. The current
 * version is kept in SQLite's `user_version` pragma; add a new entry to migrate, never edit an old one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organizations (
    name TEXT PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE subjects (
    username TEXT PRIMARY KEY NOT NULL,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL
  ) STRICT;
  CREATE TABLE organization_subjects (
    org TEXT NOT NULL REFERENCES organizations(name) ON DELETE CASCADE,
    username TEXT NOT NULL REFERENCES subjects(username) ON DELETE RESTRICT,
    public_key_spki BLOB NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    PRIMARY KEY (org, username)
  ) STRICT;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    suite TEXT NOT NULL,
    organization TEXT NOT NULL,
    username TEXT NOT NULL,
    wrapped_keys BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    FOREIGN KEY (organization, username) REFERENCES organization_subjects(org, username) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX sessions_expires_at ON sessions(expires_at);
  CREATE INDEX sessions_subject ON sessions(organization, username);
  `,
  // 2: sessions of the classic suite (sio2425 README §2): sequential ids never reused, a sliding
  // last_interaction, the request counter and nonce; the 64-byte session key wrapped under the master key.
  `
  CREATE TABLE classic_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization TEXT NOT NULL,
    username TEXT NOT NULL,
    wrapped_key BLOB NOT NULL,
    nonce TEXT NOT NULL,
    counter INTEGER NOT NULL DEFAULT 0 CHECK (counter >= 0),
    created_at INTEGER NOT NULL,
    last_interaction INTEGER NOT NULL,
    FOREIGN KEY (organization, username) REFERENCES organization_subjects(org, username) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX classic_sessions_subject ON classic_sessions(organization, username, id);
  CREATE INDEX classic_sessions_idle ON classic_sessions(last_interaction);
  `,
];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** How long a writer waits for another connection's lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** Sets the connection pragmas: WAL journal, `synchronous = NORMAL`, foreign keys, busy timeout. */
export function configureConnection(db: Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** Reads the schema version (`PRAGMA user_version`). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', {simple: true}) as number;
}

/**
 * Brings the schema up to {@link SCHEMA_VERSION}, one transaction per migration. Refuses (SetupError
 * `schema_too_new`) a database written by a newer build rather than guessing at its layout.
 */
export function migrate(db: Database): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new SetupError(
      'schema_too_new',
      `The repository database has schema version ${current}, newer than this server understands (${SCHEMA_VERSION}).`,
    );
  }
  // Each step re-reads the version under the write lock, so two processes opening a new file do not race.
  const step = db.transaction((): boolean => {
    const version = schemaVersion(db);
    if (version >= SCHEMA_VERSION) return false;
    db.exec(MIGRATIONS[version]);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration applied; look again
  }
}
