// The reference's authenticated request format on our server (sio2425 README §4): the roles endpoint's
// checks in the reference's order, its messages, the MAC'd Flask-jsonify answers, and expiry.
import {openSessionEnvelope, sealSessionRequest} from '../../src/protocol/classic/session-request.js';
import {pyJsonDumps} from '../../src/protocol/classic/py-json.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {sessionMac} from '../../src/protocol/classic/envelope.js';
import {systemRng} from '../../src/crypto/random.js';
import {suspendSubject, activateSubject} from '../../server/admin.js';
import {startClassicTestRepository, type ClassicTestRepository} from '../helpers/classic-server.js';
import {httpRequest} from './server-fixtures.js';

describe('classic session requests: GET /organizations/<org>/sessions/<id>/roles', () => {
  let repo: ClassicTestRepository;
  let now = Date.now();
  let session: {sessionId: number; nonce: string; sessionKey: Buffer};
  const roles = (organization: string, body: unknown) => {
    const text = pyJsonDumps(body as never);
    return httpRequest(repo.server.url, 'GET', `/organizations/${encodeURIComponent(organization)}/sessions/${session.sessionId}/roles`,
      {body: text, headers: {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text))}});
  };
  const request = (counter: number, fields: Record<string, never> = {}, nonce = session.nonce) =>
    sealSessionRequest(session.sessionKey, {sessionId: session.sessionId, counter, nonce}, fields, systemRng);
  const opened = (answer: {json(): any}) => openSessionEnvelope(session.sessionKey, {...answer.json().data, signature: answer.json().signature}); // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    repo = await startClassicTestRepository({clock: () => now, classicSessionLifetimeMs: 60_000});
    const subject = await repo.createOrganization('org1', 'user1');
    session = await runClassicHandshake({transport: repo.transport}, subject.config('org1', 'user1'));
  });
  afterAll(async () => repo.close());

  it('a valid request: 200, application/json, Flask jsonify layout, MAC\'d, plaintext {"data": {"roles": []}}', async () => {
    const answer = await roles('org1', request(1));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toBe(`${pyJsonDumps(answer.json(), {indent: 2, sortKeys: true})}\n`);
    expect(answer.body.startsWith('{\n  "data": {\n    "iv": ')).toBe(true);
    expect(answer.json().signature).toBe(sessionMac(session.sessionKey.subarray(32), answer.json().data.message, answer.json().data.iv));
    expect(opened(answer)).toEqual({data: {roles: []}});
  });

  it('refusals in the reference\'s order and words, each in a MAC\'d envelope with 403', async () => {
    const badMac = {...request(5), signature: request(5).signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))};
    const cases: Array<[string, unknown, string]> = [
      ['bad MAC', badMac, 'Invalid session key'],
      ['counter not above the last', request(1), 'Invalid message order'],
      ['another nonce', request(6, {}, 'f'.repeat(32)), 'Invalid message order'],
      ['no counter', sealSessionRequest(session.sessionKey, {sessionId: session.sessionId, counter: 7, nonce: session.nonce}, {counter: null as never}, systemRng), 'No counter or nonce provided!'],
    ];
    for (const [, body, message] of cases) {
      const answer = await roles('org1', body);
      expect([answer.status, opened(answer)]).toEqual([403, {error: message}]);
    }
    const otherOrg = await roles('org2', request(8));
    expect([otherOrg.status, opened(otherOrg)]).toEqual([403, {error: 'Cannot access organization org2'}]);
    // Refused requests did not advance the counter: 2 is still accepted.
    expect((await roles('org1', request(2))).status).toBe(200);
  });

  it('a suspended subject and an expired session get 403 with the reference\'s messages', async () => {
    suspendSubject(repo.server.context.db, 'org1', 'user1');
    const suspended = await roles('org1', request(10));
    expect([suspended.status, opened(suspended)]).toEqual([403, {error: 'Subject user1 is suspended'}]);
    activateSubject(repo.server.context.db, 'org1', 'user1');
    now += 60_001;
    const expired = await roles('org1', request(11));
    expect([expired.status, opened(expired)]).toEqual([403, {error: `Session with id ${session.sessionId} expired`}]);
  });
});
