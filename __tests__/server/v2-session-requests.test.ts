import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fromBase64Url} from '../../src/crypto/bytes.js';
import {toStoredSession, whoami} from '../../src/client/v2-session.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {encodeRequestRecord, sealRecord} from '../../src/protocol/v2/session-request.js';
import {createConfSessionStore, type SessionStore} from '../../src/store/session-store.js';
import type {StoredSession} from '../../src/store/session-record.js';
import {startTestRepository, type TestRepository} from '../helpers/bundled-server.js';

let repo: TestRepository;
let storeDir: string;
let store: SessionStore;
beforeAll(async () => {
  repo = await startTestRepository();
  storeDir = mkdtempSync(join(tmpdir(), 'rep-store-'));
  store = createConfSessionStore({dir: storeDir});
});
afterAll(async () => {
  await repo.close();
  rmSync(storeDir, {recursive: true, force: true});
});

async function newSession(): Promise<StoredSession> {
  const outcome = await runV2Handshake({transport: repo.transport}, repo.alice);
  const session = toStoredSession(outcome, repo.server.url, repo.server.fingerprint, Date.now());
  await store.save(session);
  return session;
}

/** Seals a request by hand, as an attacker replaying or moving records would send it. */
function sealed(session: StoredSession, sequence: number, path: string = V2Path.Whoami) {
  return encodeRequestRecord(sealRecord('request', fromBase64Url(session.keys.clientToServer), fromBase64Url(session.id), sequence, {method: 'POST', path}, {}));
}

describe('v2 session requests (whoami)', () => {
  it('answers whoami over a new session and advances the stored sequence number', async () => {
    const session = await newSession();
    const first = await whoami(repo.transport, store, session.id);
    expect(first).toMatchObject({session_id: session.id, organization: 'acme', username: 'alice', suite: 'v2'});
    expect(first.expires_at).toBe(Date.parse(session.expiresAt));
    await whoami(repo.transport, store, session.id);
    expect((await store.get(session.id))?.nextSequence).toBe(3);
  });

  it('refuses a replayed and a reordered request', async () => {
    const session = await newSession();
    const one = sealed(session, 1);
    const two = sealed(session, 2);
    expect((await repo.transport.request('POST', V2Path.Whoami, two)).status).toBe(200);
    const reordered = await repo.transport.request('POST', V2Path.Whoami, one);
    expect(reordered).toMatchObject({status: 401, body: {error: 'session_rejected'}});
    const replayed = await repo.transport.request('POST', V2Path.Whoami, two);
    expect(replayed).toMatchObject({status: 401, body: {error: 'session_rejected'}});
  });

  it('refuses a request sealed for another path', async () => {
    const session = await newSession();
    const moved = await repo.transport.request('POST', V2Path.Whoami, sealed(session, 1, '/v2/documents'));
    expect(moved).toMatchObject({status: 401, body: {error: 'session_rejected'}});
    // nothing changed: the genuine first request still works
    expect((await repo.transport.request('POST', V2Path.Whoami, sealed(session, 1))).status).toBe(200);
  });

  it('refuses a response reflected back as a request, and an unknown session', async () => {
    const session = await newSession();
    const answer = await repo.transport.request('POST', V2Path.Whoami, sealed(session, 1));
    const reflected = {session_id: session.id, ...(answer.body as object), sequence: 2};
    expect(await repo.transport.request('POST', V2Path.Whoami, reflected)).toMatchObject({status: 401, body: {error: 'session_rejected'}});
    const unknown = {...sealed(session, 3), session_id: Buffer.alloc(16, 7).toString('base64url')};
    expect(await repo.transport.request('POST', V2Path.Whoami, unknown)).toMatchObject({status: 401, body: {error: 'session_rejected'}});
  });

  it('refuses requests once the subject is suspended, and serves them again after reactivation', async () => {
    const session = await newSession();
    repo.server.context.db.setSubjectStatus('acme', 'alice', 'suspended');
    try {
      await expect(whoami(repo.transport, store, session.id)).rejects.toMatchObject({code: 'subject_suspended'});
    } finally {
      repo.server.context.db.setSubjectStatus('acme', 'alice', 'active');
    }
    await expect(whoami(repo.transport, store, session.id)).resolves.toMatchObject({username: 'alice'});
  });

  it('refuses an expired session', async () => {
    const session = await newSession();
    repo.server.context.db.deleteSession(session.id);
    repo.server.context.db.insertSession({
      id: session.id, suite: 'v2', organization: 'acme', username: 'alice', lastSequence: 0,
      wrappedKeys: repo.server.context.keyWrapper.wrap(Buffer.from(JSON.stringify({c2s: session.keys.clientToServer, s2c: session.keys.serverToClient})), Buffer.from(session.id)),
      createdAt: Date.now() - 7200_000, expiresAt: Date.now() - 1000,
    });
    await expect(whoami(repo.transport, store, session.id)).rejects.toMatchObject({code: 'session_expired'});
  });
});
