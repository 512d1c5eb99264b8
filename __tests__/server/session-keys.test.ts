import {randomBytes} from 'node:crypto';
import {EventEmitter} from 'node:events';
import type {RepositoryDb, ServerContext, SessionRow} from '../../server/context.js';
import {openRepositoryDb} from '../../server/db/repository-db.js';
import {createKeyWrapper} from '../../server/keys/key-wrapper.js';
import {commitSession, createSessionCommitter, MAX_COMMIT_BATCH, unwrapSessionKeys} from '../../server/session-keys.js';
import type {EstablishedSession} from '../../src/protocol/v2/responder.js';
import {makeSubjectKey} from './server-fixtures.js';

function established(id: string, overrides: Partial<EstablishedSession> = {}): EstablishedSession {
  return {
    id, channelId: `channel-${id}`, organization: 'acme', username: 'alice', createdAt: 1000, expiresAt: 2000,
    keys: {clientToServer: randomBytes(32), serverToClient: randomBytes(32), finished: randomBytes(32)},
    ...overrides,
  };
}

describe('session commits', () => {
  let db: RepositoryDb;
  let context: ServerContext;
  let batches: number[];
  beforeEach(() => {
    db = openRepositoryDb(':memory:');
    db.createOrganization({name: 'acme', username: 'alice', fullName: 'Alice', email: 'alice@example.org', publicKeySpki: makeSubjectKey().spki});
    batches = [];
    const insertSessions = db.insertSessions.bind(db);
    db.insertSessions = (rows: readonly SessionRow[]) => {
      batches.push(rows.length);
      return insertSessions(rows);
    };
    context = {db, keyWrapper: createKeyWrapper(randomBytes(32)), clock: Date.now, rng: randomBytes, events: new EventEmitter()} as unknown as ServerContext;
  });
  afterEach(() => db.close());

  it('stores a session with its keys wrapped, bound to its id', () => {
    const session = established('s1');
    commitSession(context, session);
    const row = db.getSession('s1')!;
    expect(row).toMatchObject({id: 's1', suite: 'v2', organization: 'acme', username: 'alice', createdAt: 1000, expiresAt: 2000, lastSequence: 0});
    expect(row.wrappedKeys.includes(session.keys.clientToServer)).toBe(false);
    const keys = unwrapSessionKeys(context, row);
    expect(keys.clientToServer.equals(session.keys.clientToServer)).toBe(true);
    expect(keys.serverToClient.equals(session.keys.serverToClient)).toBe(true);
    expect(() => unwrapSessionKeys(context, {...row, id: 'other'})).toThrow();
  });

  it('writes the sessions committed in one turn of the event loop in one transaction, resolving once stored', async () => {
    const commit = createSessionCommitter(context);
    const stored: string[] = [];
    const all = ['a', 'b', 'c'].map((id) => commit(established(id)).then(() => stored.push(id)));
    expect(db.countSessions()).toBe(0); // nothing is written before the turn ends
    await Promise.all(all);
    expect(batches).toEqual([3]);
    expect(stored.sort()).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) expect(db.getSession(id)?.id).toBe(id);
    await commit(established('d'));
    expect(batches).toEqual([3, 1]);
    const row = db.getSession('d')!;
    expect(unwrapSessionKeys(context, row).clientToServer.length).toBe(32);
  });

  it('rejects only the sessions that cannot be stored', async () => {
    const commit = createSessionCommitter(context);
    commitSession(context, established('taken'));
    const outcomes = await Promise.allSettled([
      commit(established('ok1')), commit(established('taken')), commit(established('ghost', {organization: 'nope'})), commit(established('ok2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(db.countSessions()).toBe(3);
    expect(db.getSession('ghost')).toBeUndefined();
  });

  it('rejects every session of a batch whose transaction fails', async () => {
    const commit = createSessionCommitter(context);
    db.insertSessions = () => {
      throw new Error('disk I/O error');
    };
    const outcomes = await Promise.allSettled([commit(established('x')), commit(established('y'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe('disk I/O error');
    expect(db.countSessions()).toBe(0);
  });

  it(`writes a full batch (${MAX_COMMIT_BATCH}) at once`, async () => {
    const commit = createSessionCommitter(context);
    const all = Array.from({length: MAX_COMMIT_BATCH + 2}, (_, i) => commit(established(`m${i}`)));
    expect(db.countSessions()).toBe(MAX_COMMIT_BATCH);
    await Promise.all(all);
    expect(batches).toEqual([MAX_COMMIT_BATCH, 2]);
    expect(db.countSessions()).toBe(MAX_COMMIT_BATCH + 2);
  });
});
