// What the fuzzer found, and deep cases it reaches only rarely, pinned as plain tests (in-process bundled server,
// raw HTTP).
import {connect} from 'node:net';
import {aesCbcEncrypt} from '../../src/crypto/aead.js';
import {systemRng} from '../../src/crypto/random.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {sessionMac} from '../../src/protocol/classic/envelope.js';
import {splitSessionKey} from '../../src/protocol/classic/keys.js';
import {startClassicTestRepository, type ClassicTestRepository} from '../helpers/classic-server.js';
import {httpRequest, type HttpAnswer} from '../server/server-fixtures.js';

let repo: ClassicTestRepository;
beforeAll(async () => {
  repo = await startClassicTestRepository();
});
afterAll(async () => repo.close());

const rolesBody = (sessionId: string) => `{"data":{"message":"","iv":""},"signature":"","session_id":${sessionId}}`;
const getRoles = (body: string) => httpRequest(repo.server.url, 'GET', '/organizations/o/sessions/1/roles', {
  body, headers: {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body))},
});
const jsonError = (answer: HttpAnswer, status: number, error: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.json()).toEqual({error, message: expect.any(String)});
};

it('classic session roles: a nested-array or object session_id is a 400 JSON error (was a 500: stack overflow / TypeError in String())', async () => {
  jsonError(await getRoles(rolesBody('['.repeat(5000) + ']'.repeat(5000))), 400, 'malformed_message');
  jsonError(await getRoles(rolesBody('{"toString":1}')), 400, 'malformed_message');
  jsonError(await getRoles(rolesBody('[1,2]')), 400, 'malformed_message');
  // Numbers, strings and a missing id keep the reference's 404 JSON string.
  const unknown = await getRoles(rolesBody('4242'));
  expect([unknown.status, unknown.json()]).toEqual([404, 'Session with id 4242 not found']);
});

it("URLs fastify cannot route (bad percent-encoding, an over-long path parameter) get the server's {error, message} JSON", async () => {
  jsonError(await httpRequest(repo.server.url, 'GET', '/v2/health%'), 400, 'bad_request');
  jsonError(await httpRequest(repo.server.url, 'GET', '/organizations/%zz/sessions/1/roles'), 400, 'bad_request');
  jsonError(await httpRequest(repo.server.url, 'GET', `/organizations/${'o'.repeat(150)}/sessions/1/roles`), 414, 'uri_too_long');
});

it('a GET /organizations body cut off by the client is a client error (was logged as an unexpected 500), and the server keeps serving', async () => {
  const logged: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (write as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    await new Promise<void>((done) => {
      const socket = connect(Number(new URL(repo.server.url).port), '127.0.0.1', () => {
        socket.write('GET /organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"public', () => {
          socket.destroy();
          done();
        });
      });
    });
    await new Promise((wake) => setTimeout(wake, 200));
  } finally {
    process.stderr.write = write;
  }
  expect(logged.filter((line) => line.includes('unexpected error'))).toEqual([]);
  expect((await httpRequest(repo.server.url, 'GET', '/v2/health')).status).toBe(200);
});

it('classic session roles: a MAC-valid request whose counter SQLite cannot store as an integer (1e300, 2^70) is refused, not a 500', async () => {
  const subject = await repo.createOrganization('counters', 'counter-user');
  const session = await runClassicHandshake({transport: repo.transport}, subject.config('counters', 'counter-user'));
  const {encryption, integrity} = splitSessionKey(session.sessionKey);
  for (const counter of [1e300, 2 ** 70, 1.5]) {
    // Plain JSON numbers (the classic encoder refuses non-integers), under the session key with a valid MAC.
    const iv = systemRng(16);
    const message = aesCbcEncrypt(encryption, iv, Buffer.from(JSON.stringify({session_id: session.sessionId, counter, nonce: session.nonce}))).toString('base64');
    const body = JSON.stringify({data: {message, iv: iv.toString('base64')}, signature: sessionMac(integrity, message, iv.toString('base64')), session_id: session.sessionId});
    const answer = await httpRequest(repo.server.url, 'GET', `/organizations/counters/sessions/${session.sessionId}/roles`, {
      body, headers: {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body))},
    });
    expect([counter, answer.status]).toEqual([counter, 403]);
  }
});
