import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {buildA1, finishA0, handleA2, startA0, type InitiatorConfig} from '../../src/protocol/v2/initiator.js';
import {
  encodeA0Request, encodeA1Request, encodeA3Request, parseA0Answer, parseA2Answer,
} from '../../src/protocol/v2/messages.js';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import {HandshakeError} from '../../src/protocol/errors.js';
import {startTestRepository, type TestRepository} from '../helpers/bundled-server.js';

let repo: TestRepository;
beforeAll(async () => {
  repo = await startTestRepository();
});
afterAll(async () => {
  await repo.close();
});

const post = (path: string, body: unknown) => repo.transport.request('POST', path, body);
const flipB64u = (text: string, index = 2): string => {
  const bytes = Buffer.from(text, 'base64url');
  bytes[index] ^= 0x01;
  return bytes.toString('base64url');
};

/** Runs A0 and builds A1 over HTTP, returning the A1 body and the client state. */
async function throughA1(config: InitiatorConfig) {
  const a0 = startA0(config);
  const answer = await post(V2Path.A0, encodeA0Request(a0.request));
  expect(answer.status).toBe(200);
  const channel = finishA0(config, a0.state, parseA0Answer(answer.body));
  const a1 = buildA1(config, channel);
  return {a1, body: encodeA1Request(a1.request)};
}

describe('v2 handshake over HTTP against the bundled server', () => {
  it('creates a session, with client and server events for every stage', async () => {
    const clientEvents: HandshakeEvent[] = [];
    const serverEvents: HandshakeEvent[] = [];
    const listener = (e: HandshakeEvent) => serverEvents.push(e);
    repo.server.context.events.on('event', listener);
    const before = repo.server.context.db.countSessions();
    const outcome = await runV2Handshake({transport: repo.transport, emit: (e) => clientEvents.push(e)}, repo.alice);
    repo.server.context.events.off('event', listener);
    expect(outcome).toMatchObject({organization: 'acme', username: 'alice'});
    expect(repo.server.context.db.countSessions()).toBe(before + 1);
    const steps = (events: HandshakeEvent[]) => events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
    expect(steps(clientEvents)).toEqual(['A0.1', 'A0.5', 'A0.6', 'A1.1', 'A1.2', 'A3.1', 'A3.2', 'A3.3', 'A3.4', 'A3.6']);
    expect(steps(serverEvents)).toEqual(['A0.2', 'A0.3', 'A0.4', 'A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5', 'A3.5']);
    expect(clientEvents.at(-1)).toMatchObject({type: 'complete', organization: 'acme', username: 'alice'});
  });

  it('stores the session of every concurrent handshake before answering its A3', async () => {
    const before = repo.server.context.db.countSessions();
    const outcomes = await Promise.all(Array.from({length: 8}, () => runV2Handshake({transport: repo.transport}, repo.alice)));
    expect(repo.server.context.db.countSessions()).toBe(before + 8);
    for (const outcome of outcomes) expect(repo.server.context.db.getSession(outcome.sessionId.toString('base64url'))?.username).toBe('alice');
  });

  it('refuses a bit flip in A1 with one generic error and creates no session', async () => {
    const before = repo.server.context.db.countSessions();
    const {body} = await throughA1(repo.alice);
    const answer = await post(V2Path.A1, {...body, ciphertext: flipB64u(body.ciphertext)});
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({error: 'handshake_failed', message: 'the repository refused the session request'});
    expect(repo.server.context.db.countSessions()).toBe(before);
  });

  it('refuses a bit flip in A3 with one generic error and creates no session', async () => {
    const before = repo.server.context.db.countSessions();
    const {a1, body} = await throughA1(repo.alice);
    const a2 = await post(V2Path.A1, body);
    const a3 = handleA2(repo.alice, a1.state, parseA2Answer(a2.body));
    const a3Body = encodeA3Request(a3.request);
    const answer = await post(V2Path.A3, {...a3Body, finished: flipB64u(a3Body.finished)});
    expect(answer.status).toBe(401);
    expect((answer.body as {error: string}).error).toBe('handshake_failed');
    expect(repo.server.context.db.countSessions()).toBe(before);
  });

  it('refuses a replayed A1', async () => {
    const {body} = await throughA1(repo.alice);
    expect((await post(V2Path.A1, body)).status).toBe(200);
    const replay = await post(V2Path.A1, body);
    expect(replay.status).toBe(401);
    expect((replay.body as {error: string}).error).toBe('handshake_failed');
  });

  it('gives the same answer for unknown user, unknown organization and a bad signature', async () => {
    const stranger = nodeSigner(generateP256KeyPair().privateKey);
    const variants: InitiatorConfig[] = [
      {...repo.alice, username: 'mallory'},
      {...repo.alice, organization: 'no-such-org'},
      {...repo.alice, subject: stranger},
    ];
    const answers = [];
    for (const config of variants) {
      const {body} = await throughA1(config);
      const answer = await post(V2Path.A1, body);
      answers.push({status: answer.status, body: answer.body});
    }
    expect(answers[0]).toEqual({status: 401, body: {error: 'handshake_failed', message: 'the repository refused the session request'}});
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('refuses a suspended subject, and accepts it again once reactivated', async () => {
    repo.server.context.db.setSubjectStatus('acme', 'alice', 'suspended');
    try {
      await expect(runV2Handshake({transport: repo.transport}, repo.alice)).rejects.toMatchObject({stage: 'A2', code: 'subject_suspended'});
    } finally {
      repo.server.context.db.setSubjectStatus('acme', 'alice', 'active');
    }
    await expect(runV2Handshake({transport: repo.transport}, repo.alice)).resolves.toMatchObject({username: 'alice'});
  });

  it('stops at A0 when the pinned repository key is not the server key', async () => {
    const other = generateP256KeyPair().publicKey;
    const error = await runV2Handshake({transport: repo.transport}, {...repo.alice, repositoryKey: other}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(error).toMatchObject({stage: 'A0', code: 'bad_repository_signature'});
  });
});
