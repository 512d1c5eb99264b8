// Our classic client against our classic server over HTTP (127.0.0.1, port 0), including every error case
// of sio2425 README §4 with the reference's statuses and messages, and v2 on the same server.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {classicSessionRoles} from '../../src/client/classic-session.js';
import {HandshakeError} from '../../src/protocol/errors.js';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import {listClassicOrganizations, createClassicOrganization} from '../../src/protocol/classic/anonymous-client.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {storedFromSessionFile} from '../../src/protocol/classic/session-file.js';
import {p521Fingerprint} from '../../src/crypto/p521.js';
import {createConfSessionStore} from '../../src/store/session-store.js';
import {suspendSubject} from '../../server/admin.js';
import {startClassicTestRepository, type ClassicTestRepository} from '../helpers/classic-server.js';

async function refusal(promise: Promise<unknown>): Promise<HandshakeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HandshakeError);
  return error as HandshakeError;
}

describe('classic client ↔ classic server over HTTP', () => {
  let repo: ClassicTestRepository;
  beforeAll(async () => {
    repo = await startClassicTestRepository();
  });
  afterAll(async () => repo.close());

  it('creates an organization, lists it, creates a session (events A0–A3) and verifies it on the roles endpoint', async () => {
    const subject = await repo.createOrganization('org1', 'user1');
    expect(await listClassicOrganizations(repo.transport, repo.channel)).toEqual(expect.arrayContaining(['acme', 'org1']));
    const events: HandshakeEvent[] = [];
    const outcome = await runClassicHandshake({transport: repo.transport, emit: (e) => events.push(e)}, subject.config('org1', 'user1'));
    expect(outcome).toMatchObject({sessionId: 1, organization: 'org1', username: 'user1', roles: []});
    expect(outcome.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(outcome.sessionKey).toHaveLength(64);
    expect(events.filter((e) => e.type === 'stage-done').map((e) => (e as {stage: string}).stage)).toEqual(['A0', 'A1', 'A2', 'A3']);
    expect(events.filter((e) => e.type === 'step').map((e) => (e as {step: string}).step)).toEqual(['A0.1', 'A0.5', 'A0.6', 'A1.1', 'A1.2', 'A3.1', 'A3.2', 'A3.3']);
    expect(events.at(-1)).toMatchObject({type: 'complete', sessionId: `c1-${outcome.nonce.slice(0, 8)}`});

    const dir = mkdtempSync(join(tmpdir(), 'rep-classic-store-'));
    try {
      const store = createConfSessionStore({dir});
      const file = {session_key: outcome.sessionKey.toString('base64'), session_id: 1, username: 'user1', organization: 'org1', roles: [], nonce: outcome.nonce, counter: 0};
      const stored = storedFromSessionFile(file, {url: repo.server.url, fingerprint: p521Fingerprint(repo.repositoryKey)}, Date.now());
      await store.save(stored);
      expect(await classicSessionRoles(repo.transport, store, stored.id)).toMatchObject({roles: [], counter: 1});
      expect(await classicSessionRoles(repo.transport, store, stored.id)).toMatchObject({roles: [], counter: 2});
      // Replaying counter 2 (store rolled back by hand) is refused: 403 Invalid message order.
      await store.update(stored.id, (s) => ({...s, nextSequence: 2}));
      const replay = await refusal(classicSessionRoles(repo.transport, store, stored.id));
      expect(replay.message).toBe("the repository refused (HTTP 403): Invalid message order");
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('§4: live session 400, unknown organization 404, unknown user 404, bad signature 400, E4b, suspended 403', async () => {
    const alice = await repo.createOrganization('lab', 'alice');
    const bob = repo.newSubject();
    await runClassicHandshake({transport: repo.transport}, alice.config('lab', 'alice'));
    const cases: Array<[Promise<unknown>, number, string, string]> = [
      [runClassicHandshake({transport: repo.transport}, alice.config('lab', 'alice')), 400, "Session for user 'alice' in organization 'lab' already exists.", 'handshake_failed'],
      [runClassicHandshake({transport: repo.transport}, alice.config('nosuchorg', 'alice')), 404, "Subject 'alice' is not associated with the organization 'nosuchorg'.", 'handshake_failed'],
      [runClassicHandshake({transport: repo.transport}, alice.config('lab', 'ghost')), 404, "Subject 'ghost' is not associated with the organization 'lab'.", 'handshake_failed'],
      [runClassicHandshake({transport: repo.transport}, bob.config('lab', 'alice')), 400, "Session for user 'alice' in organization 'lab' already exists.", 'handshake_failed'],
    ];
    for (const [attempt, status, message, code] of cases) {
      const error = await refusal(attempt);
      expect({stage: error.stage, status: error.status, code: error.code, message: error.message}).toEqual({stage: 'A2', status, code, message: `the repository refused (HTTP ${status}): ${message}`});
    }
    const carol = await repo.createOrganization('lab2', 'carol');
    const badSignature = await refusal(runClassicHandshake({transport: repo.transport}, bob.config('lab2', 'carol')));
    expect([badSignature.status, badSignature.message]).toEqual([400, 'the repository refused (HTTP 400): Invalid signature!']);
    suspendSubject(repo.server.context.db, 'lab2', 'carol');
    const suspended = await refusal(runClassicHandshake({transport: repo.transport}, carol.config('lab2', 'carol')));
    expect([suspended.status, suspended.code, suspended.message]).toEqual([403, 'subject_suspended', "the repository refused (HTTP 403): User 'carol' is suspended."]);
  });

  it('organization names with quotes, non-ASCII and emoji work end to end; a duplicate gets the reference message', async () => {
    const name = "o'brien lab zoë 😀";
    const subject = await repo.createOrganization(name, 'zoë');
    expect((await runClassicHandshake({transport: repo.transport}, subject.config(name, 'zoë'))).organization).toBe(name);
    const duplicate = await refusal(createClassicOrganization(repo.transport, repo.channel, {organization: name, username: 'x', name: 'X', email: 'x@e.org', publicKey: subject.publicKeyWire}));
    expect(duplicate.message).toBe("the repository refused (HTTP 400): Subject with username 'x' or email 'x@e.org' already exists.");
  });

  it('a wrong pinned key stops the client at A0 before it sends message 3', async () => {
    const subject = await repo.createOrganization('pinned', 'u');
    const other = repo.newSubject();
    const error = await refusal(runClassicHandshake({transport: repo.transport}, {...subject.config('pinned', 'u'), repositoryKey: other.privateKey}));
    expect([error.stage, error.code]).toEqual(['A0', 'bad_repository_signature']);
  });
});
