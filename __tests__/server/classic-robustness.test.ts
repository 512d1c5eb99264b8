// Where the reference answers a 500 debugger page (sio2425 README §4, R1–R10), our classic routes answer a
// clean 4xx JSON error; valid answers have the reference's bytes and content types. Raw HTTP over a socket.
import {generateKeyPairSync} from 'node:crypto';
import {openJson, sealJson} from '../../src/protocol/classic/envelope.js';
import {encodeWirePublicKey} from '../../src/protocol/classic/keys.js';
import {pyJsonDumps} from '../../src/protocol/classic/py-json.js';
import {startA0, finishA0} from '../../src/protocol/classic/initiator.js';
import {parseKeyExchangeAnswer} from '../../src/protocol/classic/messages.js';
import {sealSessionRequest} from '../../src/protocol/classic/session-request.js';
import {generateP521KeyPair} from '../../src/crypto/p521.js';
import {systemRng} from '../../src/crypto/random.js';
import {startClassicTestRepository, type ClassicTestRepository} from '../helpers/classic-server.js';
import {httpRequest, type HttpAnswer} from './server-fixtures.js';

const JSON_HEADERS = {'content-type': 'application/json'};

describe('classic routes: robustness and exact answers', () => {
  let repo: ClassicTestRepository;
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) => {
    const text = typeof body === 'string' ? body : pyJsonDumps(body as never);
    return httpRequest(repo.server.url, method, path, {body: text, headers: {...headers, 'content-length': String(Buffer.byteLength(text))}});
  };
  const clean4xx = (answer: HttpAnswer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(typeof answer.json().error).toBe('string');
  };
  /** Phase 1 over raw HTTP; returns the channel (client key string and K_anon). */
  const channel = async (path = '/sessions') => {
    const a0 = startA0(repo.channel);
    const answer = await send('POST', path, {public_key: a0.request.publicKey});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toBe(pyJsonDumps(answer.json()));
    return finishA0(repo.channel, a0.state, parseKeyExchangeAnswer(answer.json()));
  };
  const phase2 = (path: string, c: {clientKey: string; key: Buffer}, plaintext: unknown, tamper = false) => {
    const sealed = sealJson(c.key, plaintext as never, systemRng);
    const message = tamper ? Buffer.from(Buffer.from(sealed.message, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64') : sealed.message;
    return send('POST', path, {client_ephemeral_public_key: c.clientKey, message, iv: sealed.iv});
  };

  beforeAll(async () => {
    repo = await startClassicTestRepository();
    await repo.createOrganization('org1', 'user1');
  });
  afterAll(async () => repo.close());

  it('R5 {}: 400 JSON; R3 a public_key that is not PEM: 400; R9 a P-256 key: 400', async () => {
    clean4xx(await send('POST', '/sessions', {}), 400);
    clean4xx(await send('POST', '/sessions', {public_key: 'bm90IGEgcGVt'}), 400);
    const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey.export({type: 'spki', format: 'pem'}).toString();
    clean4xx(await send('POST', '/sessions', {public_key: Buffer.from(p256).toString('base64')}), 400);
    clean4xx(await send('POST', '/sessions', []), 400);
  });

  it('R1/R2 an unknown or already-used client key, and a replayed message 3: 400 JSON', async () => {
    clean4xx(await send('POST', '/sessions', {client_ephemeral_public_key: encodeWirePublicKey(generateP521KeyPair().publicKey), message: 'AA==', iv: 'AA=='}), 400);
    const c = await channel();
    const first = await phase2('/sessions', c, {data: {}});
    expect(first.status).toBe(400);
    clean4xx(await phase2('/sessions', c, {data: {}}), 400);
  });

  it('R4 a tampered ciphertext: an encrypted 400 refusal under K_anon; the channel is then gone (400 JSON)', async () => {
    const c = await channel();
    const answer = await phase2('/sessions', c, {data: {public_key: 'x', organization: 'org1', username: 'user1'}, signature: 'AA=='}, true);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(openJson(c.key, answer.json().data, answer.json().iv)).toEqual({error: expect.any(String)});
    clean4xx(await phase2('/sessions', c, {}), 400);
  });

  it('R10 a decrypted request without "data": an encrypted 400 refusal', async () => {
    const c = await channel();
    const answer = await phase2('/sessions', c, {hello: 1});
    expect(answer.status).toBe(400);
    expect(openJson(c.key, answer.json().data, answer.json().iv)).toEqual({error: expect.stringContaining('shape')});
  });

  it('R6 a body that is not application/json: 415 JSON; R7 GET /sessions: 405 JSON; GET /organizations without a body: 415', async () => {
    clean4xx(await send('POST', '/sessions', 'public_key=x', {'content-type': 'application/x-www-form-urlencoded'}), 415);
    clean4xx(await httpRequest(repo.server.url, 'GET', '/sessions'), 405);
    clean4xx(await httpRequest(repo.server.url, 'GET', '/organizations'), 415);
    const truncated = await send('GET', '/organizations', '{"public_key": ');
    clean4xx(truncated, 400);
    expect(truncated.json().error).toBe('malformed_json');
  });

  it('a P-256 key in a classic organization request is refused (encrypted 400) instead of failing later', async () => {
    const c = await channel('/organizations');
    const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey.export({type: 'spki', format: 'pem'}).toString();
    const answer = await phase2('/organizations', c, {organization: 'p', username: 'u', name: 'n', email: 'e', public_key: Buffer.from(p256).toString('base64')});
    expect(answer.status).toBe(400);
    expect(openJson(c.key, answer.json().data, answer.json().iv)).toEqual({error: 'The public key is not a P-521 public key.'});
  });

  it('roles endpoint: unknown session 404 (the reference\'s plain JSON string), a malformed body 400 JSON', async () => {
    const unknown = await send('GET', '/organizations/org1/sessions/999/roles', sealSessionRequest(Buffer.alloc(64), {sessionId: 999, counter: 1, nonce: 'x'}, {}, systemRng));
    expect([unknown.status, unknown.json()]).toEqual([404, 'Session with id 999 not found']);
    clean4xx(await send('GET', '/organizations/org1/sessions/1/roles', {data: 1}), 400);
  });

  it('a classic-registered (P-521) subject gets v2\'s generic 401 on the v2 routes, never a 500', async () => {
    const {runV2Handshake} = await import('../../src/protocol/v2/client-runner.js');
    const {createHttpTransport} = await import('../../src/client/transport.js');
    const {importP256PublicKey} = await import('../../src/crypto/p256.js');
    const {nodeSigner, } = await import('../../src/crypto/ecdsa.js');
    const {sha256} = await import('../../src/crypto/hash.js');
    const {exportSpki} = await import('../../src/crypto/p256.js');
    const {readFileSync} = await import('node:fs');
    const transport = createHttpTransport({baseUrl: repo.server.url});
    const repositoryKey = importP256PublicKey(readFileSync(repo.paths.repositoryPublicKey, 'utf8'));
    const subject = generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey;
    try {
      await expect(runV2Handshake({transport}, {repositoryKey, audience: sha256(exportSpki(repositoryKey)), subject: nodeSigner(subject), organization: 'org1', username: 'user1', rng: systemRng, clock: Date.now}))
        .rejects.toMatchObject({code: 'handshake_failed'});
    } finally {
      transport.close();
    }
  });
});
