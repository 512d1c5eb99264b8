// Our server with the reference's own repository key (`--repo-key`), fed the reference client's recorded
// bytes: message 1 exactly as recorded, then the recorded plaintexts of org creation (07) and session
// creation (03) — with the signature the Python client made — re-encrypted under the new K_anon.
import {createPrivateKey} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {classicSessionRoles} from '../../src/client/classic-session.js';
import {importP521PublicKey, p521Fingerprint} from '../../src/crypto/p521.js';
import {systemRng} from '../../src/crypto/random.js';
import {ClassicMessage} from '../../src/protocol/classic/constants.js';
import {openJson, sealJson} from '../../src/protocol/classic/envelope.js';
import {anonymousKeyOf, decodeWirePublicKey, deriveClassicSecret} from '../../src/protocol/classic/keys.js';
import {parseKeyExchangeAnswer, wireBody} from '../../src/protocol/classic/messages.js';
import {encodeSessionFile, parseSessionFile, storedFromSessionFile} from '../../src/protocol/classic/session-file.js';
import {verifyData} from '../../src/protocol/classic/signatures.js';
import {createConfSessionStore} from '../../src/store/session-store.js';
import {startClassicTestRepository, type ClassicTestRepository} from '../helpers/classic-server.js';
import {describeWithTranscript, fixture} from '../helpers/sio2425.js';

describeWithTranscript('the reference client\'s recorded messages against our server with the reference\'s key', () => {
  const keys = fixture('00_static_keys.json');
  const referenceKey = importP521PublicKey(keys.rep_pub_key_pem);
  const dir = mkdtempSync(join(tmpdir(), 'rep-classic-ref-'));
  let repo: ClassicTestRepository;

  /** Sends the recorded message 1 as is and the recorded plaintext under the resulting K_anon. */
  async function replay(path: string, message1Raw: string, ephemeralPem: string, plaintextText: string) {
    const first = await repo.transport.request('POST', path, Buffer.from(message1Raw));
    expect(first.status).toBe(200);
    const answer = parseKeyExchangeAnswer(first.body);
    expect(verifyData(referenceKey, answer.data, answer.signature)).toBe(true);
    const key = anonymousKeyOf(deriveClassicSecret(createPrivateKey(ephemeralPem), decodeWirePublicKey(answer.publicKey)));
    const sealed = sealJson(key, JSON.parse(plaintextText), systemRng);
    expect(sealed.plaintext).toBe(plaintextText);
    const clientKey = JSON.parse(message1Raw).public_key as string;
    const second = await repo.transport.request('POST', path, wireBody({client_ephemeral_public_key: clientKey, message: sealed.message, iv: sealed.iv}));
    const body = second.body as {data: string; iv: string};
    return {status: second.status, plaintext: openJson(key, body.data, body.iv) as Record<string, any>}; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  beforeAll(async () => {
    const file = join(dir, 'rep_priv_key.pem');
    writeFileSync(file, keys.rep_priv_key_pem_encrypted);
    repo = await startClassicTestRepository({suites: ['classic'], classicKey: {file, password: keys.rep_priv_key_password}});
  });
  afterAll(async () => {
    await repo.close();
    rmSync(dir, {recursive: true, force: true});
  });

  it('only the classic routes are served (--suite classic)', async () => {
    expect((await repo.transport.request('POST', '/v2/session/a0', {})).status).toBe(404);
  });

  it('07 then 03: org1/user1 is created, the Python-made subject signature verifies, the answer verifies with the reference\'s pinned key', async () => {
    const org = fixture('07_create_org_exchange.json');
    expect(await replay('/organizations', org.keyx_request_raw, org.client_ephemeral_private_key_pem, org.request_plaintext))
      .toEqual({status: 201, plaintext: {data: ClassicMessage.organizationCreated('org1')}});

    const m1 = fixture('01_anon_keyx_request.json');
    const m3 = fixture('03_create_session_request.json');
    const created = await replay('/sessions', m1.body_raw, m1.client_ephemeral_private_key_pem, m3.decrypted_plaintext_utf8);
    expect(created.status).toBe(201);
    expect(verifyData(referenceKey, created.plaintext.data, created.plaintext.signature)).toBe(true);
    expect(created.plaintext.data).toMatchObject({session_id: 1, username: 'user1', organization: 'org1', roles: []});
    const sessionKey = deriveClassicSecret(createPrivateKey(m3.client_session_private_key_pem), decodeWirePublicKey(created.plaintext.data.public_key)).okm;

    // The reference client's session file, then our client's authenticated request with it.
    const text = encodeSessionFile({session_key: sessionKey.toString('base64'), ...created.plaintext.data, counter: 0});
    const store = createConfSessionStore({dir});
    const stored = storedFromSessionFile(parseSessionFile(text), {url: repo.server.url, fingerprint: p521Fingerprint(referenceKey)}, Date.now());
    await store.save(stored);
    expect((await classicSessionRoles(repo.transport, store, stored.id)).roles).toEqual([]);

    // The same signed request again (a replay on a new channel): the one-live-session rule answers, as in E1.
    const again = await replay('/sessions', m1.body_raw, m1.client_ephemeral_private_key_pem, m3.decrypted_plaintext_utf8);
    expect(again).toEqual({status: 400, plaintext: {error: ClassicMessage.sessionExists('user1', 'org1')}});
  });
});
