import BetterSqlite3 from 'better-sqlite3';
import {openRepositoryDb} from '../../server/db/repository-db.js';
import {configureConnection, SCHEMA_VERSION} from '../../server/db/schema.js';
import {ServerError, SetupError} from '../../server/errors.js';
import {changeSubjectStatus} from '../../server/admin.js';
import type {RepositoryDb, SessionRow} from '../../server/context.js';
import {makeSubjectKey, makeTempHome, type TempHome} from './server-fixtures.js';

function org(db: RepositoryDb, name: string, username: string, fullName = 'Full Name'): Buffer {
  const {spki} = makeSubjectKey();
  db.createOrganization({name, username, fullName, email: `${username}@example.org`, publicKeySpki: spki});
  return spki;
}

function session(id: string, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    suite: 'v2',
    organization: 'acme',
    username: 'alice',
    wrappedKeys: Buffer.from('wrapped'),
    createdAt: 1000,
    expiresAt: 2000,
    lastSequence: 0,
    ...overrides,
  };
}

describe('openRepositoryDb', () => {
  let db: RepositoryDb;
  const now = 1_700_000_000_000;
  beforeEach(() => {
    db = openRepositoryDb(':memory:', {clock: () => now});
  });
  afterEach(() => db.close());

  it('creates an organization with its first subject', () => {
    const spki = org(db, 'acme', 'alice', 'Alice');
    expect(db.listOrganizations()).toEqual([
      {
        name: 'acme',
        createdAt: now,
        subjects: [{username: 'alice', fullName: 'Alice', email: 'alice@example.org', status: 'active', publicKeySpki: spki}],
      },
    ]);
    expect(db.findSubject('acme', 'alice')?.publicKeySpki.equals(spki)).toBe(true);
    expect(db.findSubject('acme', 'nobody')).toBeUndefined();
    expect(db.findSubject('other', 'alice')).toBeUndefined();
  });

  it('refuses a duplicate organization with ServerError 409 and changes nothing', () => {
    org(db, 'acme', 'alice');
    let caught: unknown;
    try {
      org(db, 'acme', 'mallory');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServerError);
    expect(caught).toMatchObject({status: 409, code: 'organization_exists'});
    expect(db.findSubject('acme', 'mallory')).toBeUndefined();
    expect(db.listOrganizations()).toHaveLength(1);
  });

  it('reuses a subject across organizations, with a key and status per organization', () => {
    const first = org(db, 'acme', 'alice', 'Alice');
    const second = org(db, 'globex', 'alice', 'Another Name');
    const inAcme = db.findSubject('acme', 'alice');
    const inGlobex = db.findSubject('globex', 'alice');
    expect(inAcme?.publicKeySpki.equals(first)).toBe(true);
    expect(inGlobex?.publicKeySpki.equals(second)).toBe(true);
    expect(inGlobex?.fullName).toBe('Alice'); // the global subject row is reused as it was
    expect(db.setSubjectStatus('globex', 'alice', 'suspended')).toBe(true);
    expect(db.findSubject('acme', 'alice')?.status).toBe('active');
    expect(db.findSubject('globex', 'alice')?.status).toBe('suspended');
  });

  it('lists organizations in name order, subjects included', () => {
    org(db, 'zeta', 'zed');
    org(db, 'alpha', 'amy');
    expect(db.listOrganizations().map((o) => [o.name, o.subjects.map((s) => s.username)])).toEqual([
      ['alpha', ['amy']],
      ['zeta', ['zed']],
    ]);
  });

  it('suspends and activates a subject; unknown subjects answer false', () => {
    org(db, 'acme', 'alice');
    expect(db.setSubjectStatus('acme', 'alice', 'suspended')).toBe(true);
    expect(db.findSubject('acme', 'alice')?.status).toBe('suspended');
    expect(db.setSubjectStatus('acme', 'alice', 'active')).toBe(true);
    expect(db.findSubject('acme', 'alice')?.status).toBe('active');
    expect(db.setSubjectStatus('acme', 'bob', 'suspended')).toBe(false);
    expect(db.setSubjectStatus('nowhere', 'alice', 'suspended')).toBe(false);
  });

  it('admin changeSubjectStatus throws subject_not_found for an unknown subject', () => {
    org(db, 'acme', 'alice');
    expect(changeSubjectStatus(db, 'suspend', 'acme', 'alice')).toBe('suspended');
    expect(() => changeSubjectStatus(db, 'activate', 'acme', 'bob')).toThrow(
      expect.objectContaining({code: 'subject_not_found', status: 404}),
    );
  });

  it('inserts and reads back a session', () => {
    org(db, 'acme', 'alice');
    db.insertSession(session('s1', {wrappedKeys: Buffer.from([0, 1, 2, 255])}));
    expect(db.getSession('s1')).toEqual(session('s1', {wrappedKeys: Buffer.from([0, 1, 2, 255])}));
    expect(db.getSession('missing')).toBeUndefined();
    expect(db.countSessions()).toBe(1);
    expect(() => db.insertSession(session('s1'))).toThrow();
  });

  it('inserts a batch of sessions in one transaction, refusing only the rows that break a constraint', () => {
    org(db, 'acme', 'alice');
    db.insertSession(session('taken'));
    const outcomes = db.insertSessions([session('b1'), session('taken'), session('b2', {organization: 'ghost'}), session('b3')]);
    expect(outcomes.map((o) => o === undefined)).toEqual([true, false, false, true]);
    expect(outcomes[1]).toMatchObject({code: expect.stringMatching(/^SQLITE_CONSTRAINT/)});
    expect(outcomes[2]?.message).toMatch(/FOREIGN KEY/);
    expect(['b1', 'b2', 'b3'].map((id) => db.getSession(id)?.id)).toEqual(['b1', undefined, 'b3']);
    expect(db.countSessions()).toBe(3);
    expect(db.insertSessions([])).toEqual([]);
  });

  it('stores nothing of a batch when it fails otherwise', () => {
    org(db, 'acme', 'alice');
    db.close();
    expect(() => db.insertSessions([session('c1')])).toThrow();
    db = openRepositoryDb(':memory:', {clock: () => now});
  });

  it('refuses a session for a subject that does not exist (foreign key)', () => {
    expect(() => db.insertSession(session('s1', {organization: 'ghost'}))).toThrow(/FOREIGN KEY/);
  });

  it('advances the sequence number only strictly upwards', () => {
    org(db, 'acme', 'alice');
    db.insertSession(session('s1'));
    expect(db.advanceSessionSequence('s1', 1)).toBe(true);
    expect(db.advanceSessionSequence('s1', 1)).toBe(false); // replay
    expect(db.advanceSessionSequence('s1', 5)).toBe(true); // gaps allowed
    expect(db.advanceSessionSequence('s1', 3)).toBe(false); // reorder
    expect(db.advanceSessionSequence('s1', -1)).toBe(false);
    expect(db.advanceSessionSequence('s1', 1.5)).toBe(false);
    expect(db.advanceSessionSequence('missing', 10)).toBe(false);
    expect(db.getSession('s1')?.lastSequence).toBe(5);
  });

  it('deletes sessions and expired sessions', () => {
    org(db, 'acme', 'alice');
    db.insertSession(session('old', {expiresAt: 1500}));
    db.insertSession(session('edge', {expiresAt: 2000}));
    db.insertSession(session('live', {expiresAt: 2001}));
    expect(db.deleteExpiredSessions(2000)).toBe(2);
    expect(db.getSession('live')).toBeDefined();
    expect(db.deleteSession('live')).toBe(true);
    expect(db.deleteSession('live')).toBe(false);
    expect(db.countSessions()).toBe(0);
  });
});

describe('openRepositoryDb on a file', () => {
  let home: TempHome;
  beforeEach(() => {
    home = makeTempHome();
  });
  afterEach(() => home.remove());

  it('uses WAL, records the schema version and reopens with the data', () => {
    const file = `${home.home}/repo.db`;
    const db = openRepositoryDb(file);
    org(db, 'acme', 'alice');
    db.close();
    const raw = new BetterSqlite3(file, {readonly: true});
    expect(raw.pragma('journal_mode', {simple: true})).toBe('wal');
    expect(raw.pragma('user_version', {simple: true})).toBe(SCHEMA_VERSION);
    raw.close();
    const reopened = openRepositoryDb(file);
    expect(reopened.findSubject('acme', 'alice')?.status).toBe('active');
    reopened.close();
  });

  it('configures each connection: synchronous NORMAL, foreign keys on, busy timeout', () => {
    const raw = new BetterSqlite3(`${home.home}/pragmas.db`);
    configureConnection(raw);
    expect(raw.pragma('synchronous', {simple: true})).toBe(1);
    expect(raw.pragma('foreign_keys', {simple: true})).toBe(1);
    expect(raw.pragma('busy_timeout', {simple: true})).toBeGreaterThan(0);
    raw.close();
  });

  it('refuses a database written by a newer schema', () => {
    const file = `${home.home}/future.db`;
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openRepositoryDb(file)).toThrow(SetupError);
  });
});
