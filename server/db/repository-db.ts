import BetterSqlite3 from 'better-sqlite3';
import type {OrganizationRow, RepositoryDb, SessionRow, SubjectRow, SubjectStatus} from '../context.js';
import {ServerError} from '../errors.js';
import {createClassicSessionDb} from './classic-sessions.js';
import {configureConnection, migrate} from './schema.js';
import {prepareStatements, type SessionRecord, type SubjectRecord} from './statements.js';

/** Options of {@link openRepositoryDb}. */
export interface OpenRepositoryDbOptions {
  /** Milliseconds since the epoch, for `created_at` (default `Date.now`). */
  readonly clock?: () => number;
}

function toSubject(record: SubjectRecord): SubjectRow {
  return {
    username: record.username,
    fullName: record.full_name,
    email: record.email,
    status: record.status as SubjectStatus,
    publicKeySpki: record.public_key_spki,
  };
}

function toSession(record: SessionRecord): SessionRow {
  return {
    id: record.id,
    suite: record.suite,
    organization: record.organization,
    username: record.username,
    wrappedKeys: record.wrapped_keys,
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    lastSequence: record.last_sequence,
  };
}

function isPrimaryKeyViolation(error: unknown): boolean {
  return (error as {code?: unknown}).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function organizationExists(name: string): ServerError {
  return new ServerError(409, 'organization_exists', `organization "${name}" already exists`);
}

/**
 * Opens (creating and migrating when needed) the bundled repository's SQLite database: WAL journal,
 * `synchronous = NORMAL`, foreign keys on, a busy timeout, statements prepared once. `file` may be
 * `':memory:'`. The parent folder must exist.
 */
export function openRepositoryDb(file: string, options: OpenRepositoryDbOptions = {}): RepositoryDb {
  const clock = options.clock ?? Date.now;
  const db = new BetterSqlite3(file);
  let statements;
  try {
    configureConnection(db);
    migrate(db);
    statements = prepareStatements(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const s = statements;

  const insertSession = (row: SessionRow) =>
    s.insertSession.run(row.id, row.suite, row.organization, row.username, row.wrappedKeys, row.createdAt, row.expiresAt, row.lastSequence);
  // A constraint error undoes only its own statement (SQLite's ABORT), so the transaction goes on without that
  // row; any other error is thrown, which rolls the whole batch back.
  const insertSessions = db.transaction((rows: readonly SessionRow[]) => rows.map((row): Error | undefined => {
    try {
      insertSession(row);
      return undefined;
    } catch (error) {
      if (String((error as {code?: unknown}).code).startsWith('SQLITE_CONSTRAINT')) return error as Error;
      throw error;
    }
  }));

  const createOrganization = db.transaction((input: Parameters<RepositoryDb['createOrganization']>[0]) => {
    if (s.organizationExists.get(input.name) !== undefined) throw organizationExists(input.name);
    s.insertOrganization.run(input.name, clock());
    s.insertSubjectIfMissing.run(input.username, input.fullName, input.email);
    s.insertMembership.run(input.name, input.username, input.publicKeySpki);
  });

  return {
    classic: createClassicSessionDb(db),
    listOrganizations(): OrganizationRow[] {
      const organizations: {name: string; createdAt: number; subjects: SubjectRow[]}[] = [];
      for (const record of s.listOrganizations.all()) {
        let last = organizations.at(-1);
        if (last === undefined || last.name !== record.name) {
          last = {name: record.name, createdAt: record.created_at, subjects: []};
          organizations.push(last);
        }
        if (record.username !== null) {
          last.subjects.push(toSubject(record as SubjectRecord));
        }
      }
      return organizations;
    },
    createOrganization(input) {
      try {
        createOrganization.immediate(input);
      } catch (error) {
        // Another connection may have created it between our check and our insert.
        if (isPrimaryKeyViolation(error) && s.organizationExists.get(input.name) !== undefined) {
          throw organizationExists(input.name);
        }
        throw error;
      }
    },
    findSubject(organization, username) {
      const record = s.findSubject.get(organization, username);
      return record === undefined ? undefined : toSubject(record);
    },
    setSubjectStatus(organization, username, status) {
      return s.setSubjectStatus.run(status, organization, username).changes > 0;
    },
    insertSession(row) {
      s.insertSession.run(
        row.id,
        row.suite,
        row.organization,
        row.username,
        row.wrappedKeys,
        row.createdAt,
        row.expiresAt,
        row.lastSequence,
      );
    },
    insertSessions(rows) {
      return rows.length === 0 ? [] : insertSessions(rows);
    },
    getSession(id) {
      const record = s.getSession.get(id);
      return record === undefined ? undefined : toSession(record);
    },
    advanceSessionSequence(id, sequence) {
      if (!Number.isSafeInteger(sequence) || sequence < 0) return false;
      return s.advanceSequence.run(sequence, id, sequence).changes === 1;
    },
    deleteSession(id) {
      return s.deleteSession.run(id).changes > 0;
    },
    deleteExpiredSessions(now) {
      return s.deleteExpiredSessions.run(now).changes;
    },
    countSessions() {
      return s.countSessions.get()?.count ?? 0;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
