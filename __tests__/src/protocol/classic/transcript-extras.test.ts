// The classic suite against the rest of the recorded reference run: the authenticated request (06), the
// anonymous organization creation (07), every recorded error case (errors/) and the client key log.
import {createPrivateKey} from 'node:crypto';
import {aesCbcEncrypt} from '../../../../src/crypto/aead.js';
import {importP521PublicKey} from '../../../../src/crypto/p521.js';
import {ClassicMessage} from '../../../../src/protocol/classic/constants.js';
import {openJson} from '../../../../src/protocol/classic/envelope.js';
import {anonymousKeyOf, classicKdf, decodeWirePublicKey, deriveClassicSecret, splitSessionKey} from '../../../../src/protocol/classic/keys.js';
import {parseAnonymousAnswer, parseAnonymousRequest, parseKeyExchangeAnswer, parseSessionRequestPlaintext, wireBody} from '../../../../src/protocol/classic/messages.js';
import {pyJsonDumps} from '../../../../src/protocol/classic/py-json.js';
import {openSessionEnvelope, parseSessionRequestBody} from '../../../../src/protocol/classic/session-request.js';
import {verifyData} from '../../../../src/protocol/classic/signatures.js';
import {describeWithTranscript, fixture, keylog} from '../../../helpers/sio2425.js';

const b64 = (text: string) => Buffer.from(text, 'base64');

describeWithTranscript('the sio2425 transcript: authenticated request, organizations, errors, key log', () => {
  const keys = fixture('00_static_keys.json');
  const repository = importP521PublicKey(keys.rep_pub_key_pem);
  const user1 = importP521PublicKey(keys.subject_pub_key_pem);
  const sessionKey = b64(fixture('05_session_file.json').parsed.session_key);

  it('06: the authenticated request and its jsonify answer: HMAC over b64(message) ‖ b64(iv), both decrypt, both re-encode', () => {
    const example = fixture('06_authenticated_request_example.json');
    const request = parseSessionRequestBody(JSON.parse(example.request_body_raw));
    expect(wireBody(JSON.parse(example.request_body_raw)).toString()).toBe(example.request_body_raw);
    expect(request.sessionId).toBe(1);
    const opened = openSessionEnvelope(sessionKey, request);
    expect(pyJsonDumps(opened as never)).toBe(example.request_plaintext);
    const {encryption} = splitSessionKey(sessionKey);
    expect(aesCbcEncrypt(encryption, b64(request.iv), Buffer.from(example.request_plaintext)).toString('base64')).toBe(request.message);
    expect(openSessionEnvelope(sessionKey, {...request, signature: 'A' + request.signature.slice(1)})).toBeUndefined();
    const response = JSON.parse(example.response_body_raw);
    expect(`${pyJsonDumps(response, {indent: 2, sortKeys: true})}\n`).toBe(example.response_body_raw);
    const answer = openSessionEnvelope(sessionKey, {...response.data, signature: response.signature});
    expect(pyJsonDumps(answer as never)).toBe(example.response_plaintext);
  });

  it('07: organization creation: signed key exchange, K_anon, request and (unsigned) answer decrypt and re-encode', () => {
    const org = fixture('07_create_org_exchange.json');
    const exchange = parseKeyExchangeAnswer(JSON.parse(org.keyx_response_raw));
    expect(wireBody(JSON.parse(org.keyx_request_raw)).toString()).toBe(org.keyx_request_raw);
    expect(verifyData(repository, exchange.data, exchange.signature)).toBe(true);
    const key = anonymousKeyOf(deriveClassicSecret(createPrivateKey(org.client_ephemeral_private_key_pem), decodeWirePublicKey(exchange.publicKey)));
    expect(key.toString('base64')).toBe(org.anonymous_aes_key_b64);
    const request = parseAnonymousRequest(JSON.parse(org.request_body_raw));
    expect(wireBody(JSON.parse(org.request_body_raw)).toString()).toBe(org.request_body_raw);
    const plaintext = openJson(key, request.message, request.iv) as {public_key: string};
    expect(pyJsonDumps(plaintext as never)).toBe(org.request_plaintext);
    expect(b64(plaintext.public_key).toString()).toBe(keys.subject_pub_key_pem);
    const answer = parseAnonymousAnswer(JSON.parse(org.response_body_raw));
    expect(pyJsonDumps(openJson(key, answer.message, answer.iv) as never)).toBe(org.response_plaintext);
    expect(org.response_plaintext).toBe(pyJsonDumps({data: ClassicMessage.organizationCreated('org1')}));
  });

  const cases: Array<[string, number, string, boolean]> = [
    ['E1_duplicate', 400, ClassicMessage.sessionExists('user1', 'org1'), true],
    ['E2_unknown_org', 404, ClassicMessage.notAssociated('user1', 'nosuchorg'), true],
    ['E3_unknown_user', 404, ClassicMessage.notAssociated('ghost', 'org1'), true],
    ['E4_bad_signature', 400, ClassicMessage.invalidSignature, true],
    ['E4b_bad_sig_active_user', 400, ClassicMessage.sessionExists('user1', 'org1'), false],
    ['E5_suspended', 403, ClassicMessage.suspended('user2'), false],
  ];
  it.each(cases)('errors/%s: key exchange verifies, both messages decrypt, HTTP %i with the reference message', (name, status, message, signedByUser1) => {
    const recorded = fixture(`errors/${name}.json`);
    const exchange = parseKeyExchangeAnswer(JSON.parse(recorded.keyx_response_raw));
    expect(verifyData(repository, exchange.data, exchange.signature)).toBe(true);
    const key = anonymousKeyOf(deriveClassicSecret(createPrivateKey(recorded.client_ephemeral_private_key_pem), decodeWirePublicKey(exchange.publicKey)));
    expect(key.toString('base64')).toBe(recorded.anonymous_aes_key_b64);
    const request = parseAnonymousRequest(JSON.parse(recorded.request_body_raw));
    const inner = parseSessionRequestPlaintext(openJson(key, request.message, request.iv));
    expect(pyJsonDumps({data: inner.data, signature: inner.signature})).toBe(recorded.request_plaintext);
    expect(verifyData(user1, inner.data, inner.signature)).toBe(signedByUser1);
    expect(recorded.http.status).toBe(status);
    const answer = parseAnonymousAnswer(JSON.parse(recorded.response_body_raw));
    expect(openJson(key, answer.message, answer.iv)).toEqual({error: message});
    expect(pyJsonDumps({error: message})).toBe(recorded.response_plaintext);
  });

  it('errors/E8_ok_user2: the repository signature verifies and the key log re-derives the session key', () => {
    const recorded = fixture('errors/E8_ok_user2.json');
    const key = anonymousKeyOf(deriveClassicSecret(createPrivateKey(recorded.client_ephemeral_private_key_pem), decodeWirePublicKey(parseKeyExchangeAnswer(JSON.parse(recorded.keyx_response_raw)).publicKey)));
    const answer = parseAnonymousAnswer(JSON.parse(recorded.response_body_raw));
    const plaintext = openJson(key, answer.message, answer.iv) as {data: {public_key: string; session_id: number}; signature: string};
    expect(pyJsonDumps(plaintext as never)).toBe(recorded.response_plaintext);
    expect(verifyData(repository, plaintext.data, plaintext.signature)).toBe(true);
    expect(plaintext.data.session_id).toBe(2);
    const run = keylog().find((entry) => entry.argv.includes('E8_ok_user2'));
    const sessionPrivate = createPrivateKey(run!.events[0].private_key_pem_unencrypted);
    const derived = deriveClassicSecret(sessionPrivate, decodeWirePublicKey(plaintext.data.public_key));
    expect(derived.okm.toString('base64')).toBe(run!.events[3].hkdf_sha256_64_b64);
  });

  it('client_keylog.jsonl: every recorded ECDH secret is 66 bytes and HKDF(raw) gives the recorded 64 bytes', () => {
    let count = 0;
    for (const entry of keylog()) {
      for (const event of entry.events.filter((e) => e.event === 'generate_shared_secret')) {
        const raw = b64(event.raw_ecdh_shared_secret_b64);
        expect(raw).toHaveLength(event.raw_ecdh_shared_secret_len);
        expect(classicKdf(raw).toString('base64')).toBe(event.hkdf_sha256_64_b64);
        count++;
      }
    }
    expect(count).toBe(11);
  });
});
