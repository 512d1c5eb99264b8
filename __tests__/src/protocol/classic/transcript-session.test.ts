// The classic suite against the recorded reference run (../shared/sio2425/transcript, files 00–05): every
// body re-encoded byte for byte, every signature verified over the exact signed bytes, every message
// decrypted (and re-encrypted with its IV), K_anon and the session key re-derived, the session file rebuilt.
import {createPrivateKey, createPublicKey} from 'node:crypto';
import {aesCbcEncrypt} from '../../../../src/crypto/aead.js';
import {nodeDerSigner} from '../../../../src/crypto/ecdsa-der.js';
import {importP521PrivateKeyPem} from '../../../../src/crypto/private-keys.js';
import {importP521PublicKey} from '../../../../src/crypto/p521.js';
import {openJson} from '../../../../src/protocol/classic/envelope.js';
import {finishA0, handleA2, type ClassicInitiatorConfig} from '../../../../src/protocol/classic/initiator.js';
import {anonymousKeyOf, decodeWirePublicKey, deriveClassicSecret, encodeWirePublicKey, splitSessionKey} from '../../../../src/protocol/classic/keys.js';
import {
  encodeAnonymousAnswer, encodeAnonymousRequest, encodeKeyExchangeAnswer, encodeKeyExchangeRequest, parseAnonymousAnswer,
  parseAnonymousRequest, parseKeyExchangeAnswer, parseKeyExchangeRequest, parseSessionRequestPlaintext, wireBody,
} from '../../../../src/protocol/classic/messages.js';
import {pyJsonDumps} from '../../../../src/protocol/classic/py-json.js';
import {signedBytes} from '../../../../src/protocol/classic/py-repr.js';
import {encodeSessionFile, parseSessionFile, sessionFileFromStored, storedFromSessionFile} from '../../../../src/protocol/classic/session-file.js';
import {verifyData} from '../../../../src/protocol/classic/signatures.js';
import {describeWithTranscript, fixture} from '../../../helpers/sio2425.js';

const b64 = (text: string) => Buffer.from(text, 'base64');

describeWithTranscript('the sio2425 transcript: session creation (00–05)', () => {
  const keys = fixture('00_static_keys.json');
  const m1 = fixture('01_anon_keyx_request.json');
  const m2 = fixture('02_anon_keyx_response.json');
  const m3 = fixture('03_create_session_request.json');
  const m4 = fixture('04_create_session_response.json');
  const file = fixture('05_session_file.json');
  const repository = importP521PublicKey(keys.rep_pub_key_pem);
  const subjectPrivate = importP521PrivateKeyPem(keys.subject_priv_key_pem_encrypted, keys.subject_priv_key_password);
  const clientEphemeral = createPrivateKey(m1.client_ephemeral_private_key_pem);
  const clientSession = createPrivateKey(m3.client_session_private_key_pem);
  const config: ClassicInitiatorConfig = {repositoryKey: repository, subject: nodeDerSigner(subjectPrivate), organization: 'org1', username: 'user1', rng: () => Buffer.alloc(0)};
  const channel = finishA0(config, {ephemeral: clientEphemeral, clientKey: m1.body.public_key}, parseKeyExchangeAnswer(m2.body));

  it('00: the repository and subject keys load (encrypted PKCS#8, password "123") and match their public keys', () => {
    const repositoryPrivate = importP521PrivateKeyPem(keys.rep_priv_key_pem_encrypted, keys.rep_priv_key_password);
    expect(encodeWirePublicKey(createPublicKey(repositoryPrivate))).toBe(Buffer.from(keys.rep_pub_key_pem).toString('base64'));
    expect(encodeWirePublicKey(createPublicKey(importP521PrivateKeyPem(keys.rep_priv_key_pem_unencrypted)))).toBe(encodeWirePublicKey(repository));
    expect(encodeWirePublicKey(createPublicKey(subjectPrivate))).toBe(Buffer.from(keys.subject_pub_key_pem).toString('base64'));
  });

  it('01: message 1 re-encodes byte for byte; its key is b64 of the 268-byte PEM of E_c', () => {
    const request = parseKeyExchangeRequest(JSON.parse(m1.body_raw));
    expect(wireBody(encodeKeyExchangeRequest(request)).toString()).toBe(m1.body_raw);
    expect(b64(request.publicKey).toString()).toBe(m1.decoded.public_key_pem);
    expect(b64(request.publicKey)).toHaveLength(268);
    expect(request.publicKey).toHaveLength(360);
    expect(encodeWirePublicKey(clientEphemeral)).toBe(request.publicKey);
  });

  it('02: message 2 re-encodes; the signed bytes are str(data); the DER signature verifies; K_anon re-derives', () => {
    const answer = parseKeyExchangeAnswer(JSON.parse(m2.body_raw));
    expect(wireBody(encodeKeyExchangeAnswer(answer)).toString()).toBe(m2.body_raw);
    expect(signedBytes(answer.data).toString('utf8')).toBe(m2.signed_bytes_utf8);
    expect(verifyData(repository, answer.data, answer.signature)).toBe(true);
    expect(verifyData(repository, {public_key: answer.publicKey.replace('LS0t', 'LS0u')}, answer.signature)).toBe(false);
    const der = b64(answer.signature);
    expect(der).toHaveLength(m2.signature.der_len);
    expect(der.toString('hex')).toContain(m2.signature.r_hex);
    expect(der.toString('hex')).toContain(m2.signature.s_hex);
    const secret = deriveClassicSecret(clientEphemeral, decodeWirePublicKey(answer.publicKey));
    expect(secret.raw.toString('base64')).toBe(m2.derived.raw_ecdh_shared_secret_b64);
    expect(secret.raw).toHaveLength(66);
    expect(secret.okm.toString('base64')).toBe(m2.derived.hkdf_sha256_64_b64);
    expect(anonymousKeyOf(secret).toString('base64')).toBe(m2.derived.anonymous_aes_key_b64);
    expect(channel.key.toString('base64')).toBe(m2.derived.anonymous_aes_key_b64);
  });

  it('03: message 3 re-encodes, decrypts, re-encrypts to the same ciphertext; the subject signature verifies over str(data)', () => {
    const request = parseAnonymousRequest(JSON.parse(m3.body_raw));
    expect(wireBody(encodeAnonymousRequest(request)).toString()).toBe(m3.body_raw);
    expect(request.clientKey).toBe(m1.body.public_key);
    const plaintext = openJson(channel.key, request.message, request.iv);
    expect(pyJsonDumps(plaintext as never)).toBe(m3.decrypted_plaintext_utf8);
    expect(aesCbcEncrypt(channel.key, b64(request.iv), Buffer.from(m3.decrypted_plaintext_utf8)).toString('base64')).toBe(request.message);
    const inner = parseSessionRequestPlaintext(plaintext);
    expect(signedBytes(inner.data).toString('utf8')).toBe(m3.signed_bytes_utf8);
    expect(verifyData(importP521PublicKey(keys.subject_pub_key_pem), inner.data, inner.signature)).toBe(true);
    expect(verifyData(repository, inner.data, inner.signature)).toBe(false);
    expect(b64(inner.signature)).toHaveLength(m3.signature.der_len);
    expect(encodeWirePublicKey(clientSession)).toBe(inner.publicKey);
  });

  it('04: message 4 re-encodes, decrypts, re-encrypts; the repository signature verifies; the session key re-derives', () => {
    const answer = parseAnonymousAnswer(JSON.parse(m4.body_raw));
    expect(wireBody(encodeAnonymousAnswer(answer)).toString()).toBe(m4.body_raw);
    const plaintext = openJson(channel.key, answer.message, answer.iv) as {data: never; signature: string};
    expect(pyJsonDumps(plaintext)).toBe(m4.decrypted_plaintext_utf8);
    expect(aesCbcEncrypt(channel.key, b64(answer.iv), Buffer.from(m4.decrypted_plaintext_utf8)).toString('base64')).toBe(answer.message);
    expect(signedBytes(plaintext.data).toString('utf8')).toBe(m4.signed_bytes_utf8);
    expect(verifyData(repository, plaintext.data, plaintext.signature)).toBe(true);
    const outcome = handleA2(config, {channel, session: clientSession}, 201, answer);
    expect(outcome).toMatchObject({sessionId: 1, username: 'user1', organization: 'org1', roles: [], nonce: '1c160749d8abf1eae532a2f4e4186460'});
    expect(outcome.sessionKey.toString('base64')).toBe(m4.derived.session_key_b64);
    const halves = splitSessionKey(outcome.sessionKey);
    expect(halves.encryption.toString('base64')).toBe(m4.derived.encryption_key_b64);
    expect(halves.integrity.toString('base64')).toBe(m4.derived.integrity_key_b64);
    expect(encodeWirePublicKey(createPublicKey(m4.server_session_public_key_pem))).toBe(outcome.publicKey);
  });

  it('05: the session file is rebuilt byte for byte, and survives a round trip through our store', () => {
    const outcome = handleA2(config, {channel, session: clientSession}, 201, parseAnonymousAnswer(m4.body));
    const text = encodeSessionFile({
      session_key: outcome.sessionKey.toString('base64'), session_id: outcome.sessionId, username: outcome.username,
      organization: outcome.organization, roles: outcome.roles, nonce: outcome.nonce, counter: 0,
    });
    expect(text).toBe(file.raw);
    const stored = storedFromSessionFile(parseSessionFile(file.raw), {url: 'http://127.0.0.1:5000', fingerprint: 'a'.repeat(64)}, Date.now());
    expect(stored).toMatchObject({id: 'c1-1c160749', suite: 'classic', nextSequence: 1});
    expect(encodeSessionFile(sessionFileFromStored(stored))).toBe(file.raw);
  });
});
