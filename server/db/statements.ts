import type {Database, Statement} from 'better-sqlite3';

/** A `sessions` row as SQLite returns it. */
export interface SessionRecord {
  id: string;
  suite: string;
  organization: string;
  username: string;
  wrapped_keys: Buffer;
  created_at: number;
  expires_at: number;
  last_sequence: number;
}

/** An organization joined with one of its subjects (subject columns are null for an empty organization). */
export interface OrganizationSubjectRecord {
  name: string;
  created_at: number;
  username: string | null;
  full_name: string | null;
  email: string | null;
  public_key_spki: Buffer | null;
  status: string | null;
}

/** A subject of one organization, as SQLite returns it. */
export interface SubjectRecord {
  username: string;
  full_name: string;
  email: string;
  public_key_spki: Buffer;
  status: string;
}

/** Every statement the repository uses, prepared once per connection. */
export interface RepositoryStatements {
  readonly listOrganizations: Statement<[], OrganizationSubjectRecord>;
  readonly organizationExists: Statement<[string], {found: number}>;
  readonly insertOrganization: Statement<[string, number]>;
  readonly insertSubjectIfMissing: Statement<[string, string, string]>;
  readonly insertMembership: Statement<[string, string, Buffer]>;
  readonly findSubject: Statement<[string, string], SubjectRecord>;
  readonly setSubjectStatus: Statement<[string, string, string]>;
  readonly insertSession: Statement<[string, string, string, string, Buffer, number, number, number]>;
  readonly getSession: Statement<[string], SessionRecord>;
  readonly advanceSequence: Statement<[number, string, number]>;
  readonly deleteSession: Statement<[string]>;
  readonly deleteExpiredSessions: Statement<[number]>;
  readonly countSessions: Statement<[], {count: number}>;
}

/** Prepares the repository's statements on a migrated connection. */
export function prepareStatements(db: Database): RepositoryStatements {
  return {
    listOrganizations: db.prepare(
      `SELECT o.name, o.created_at, s.username, s.full_name, s.email, m.public_key_spki, m.status
         FROM organizations o
         LEFT JOIN organization_subjects m ON m.org = o.name
         LEFT JOIN subjects s ON s.username = m.username
        ORDER BY o.name, m.username`,
    ),
    organizationExists: db.prepare('SELECT 1 AS found FROM organizations WHERE name = ?'),
    insertOrganization: db.prepare('INSERT INTO organizations (name, created_at) VALUES (?, ?)'),
    insertSubjectIfMissing: db.prepare(
      'INSERT INTO subjects (username, full_name, email) VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING',
    ),
    insertMembership: db.prepare(
      "INSERT INTO organization_subjects (org, username, public_key_spki, status) VALUES (?, ?, ?, 'active')",
    ),
    findSubject: db.prepare(
      `SELECT s.username, s.full_name, s.email, m.public_key_spki, m.status
         FROM organization_subjects m JOIN subjects s ON s.username = m.username
        WHERE m.org = ? AND m.username = ?`,
    ),
    setSubjectStatus: db.prepare('UPDATE organization_subjects SET status = ? WHERE org = ? AND username = ?'),
    insertSession: db.prepare(
      `INSERT INTO sessions (id, suite, organization, username, wrapped_keys, created_at, expires_at, last_sequence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    advanceSequence: db.prepare('UPDATE sessions SET last_sequence = ? WHERE id = ? AND last_sequence < ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    countSessions: db.prepare('SELECT COUNT(*) AS count FROM sessions'),
  };
}
