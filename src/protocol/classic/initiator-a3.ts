import {CryptoError} from '../../crypto/errors.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step} from '../steps.js';
import {classicRefusal} from './answers.js';
import {openJson} from './envelope.js';
import {objectField, stringField, type JsonObject} from './fields.js';
import {decodeWirePublicKey, deriveClassicSecret} from './keys.js';
import {parseSessionAnswerData, type AnonymousAnswer, type SessionAnswerData} from './messages.js';
import {verifyData} from './signatures.js';
import type {ClassicA1Sent, ClassicInitiatorConfig} from './initiator.js';

/** A classic session the repository created and signed (what the reference writes to its session file). */
export interface ClassicOutcome extends SessionAnswerData {
  /** The 64-byte session key: `[:32]` AES key, `[32:]` HMAC key. */
  readonly sessionKey: Buffer;
}

function decryptAnswer(state: ClassicA1Sent, status: number, answer: AnonymousAnswer): {data: JsonObject; signature: string} {
  let plaintext: unknown;
  try {
    plaintext = openJson(state.channel.key, answer.message, answer.iv);
  } catch (error) {
    if (error instanceof CryptoError) throw new HandshakeError('A3', HandshakeErrorCode.UnexpectedAnswer, `the repository's answer (HTTP ${status}) did not decrypt under K_anon`);
    throw error;
  }
  const object = objectField(plaintext, 'A3', 'the session answer');
  if (status !== 201) {
    const message = typeof object.error === 'string' ? object.error : 'no error message';
    throw classicRefusal('A2', status, message);
  }
  return {data: objectField(object.data, 'A3', 'the session answer data'), signature: stringField(object, 'signature', 'A3', 'the session answer')};
}

/**
 * The refusal carried by a non-201 answer (the reference's encrypted `{"error": msg}`, README §4), decrypted
 * under K_anon, as a HandshakeError at A2; undefined for a 201. Lets the runner fail the stage where the
 * repository said no.
 */
export function refusalOf(state: ClassicA1Sent, status: number, answer: AnonymousAnswer): HandshakeError | undefined {
  if (status === 201) return undefined;
  try {
    decryptAnswer(state, status, answer);
  } catch (error) {
    if (error instanceof HandshakeError) return error;
    throw error;
  }
  return classicRefusal('A2', status, 'no error message');
}

/**
 * A3.1 decrypt, A3.2 verify, A3.3 derive: opens message 4 under K_anon (a non-201 answer carries the
 * reference's `{"error"}` and becomes a refusal), verifies the repository signature over `str(data)` with the
 * pinned key, and derives session_key = HKDF(ECDH(S_c, S_s)), all 64 bytes. There is no key confirmation in
 * the classic suite (A3.4–A3.6 do not exist; weakness 5).
 */
export function handleA2(config: ClassicInitiatorConfig, state: ClassicA1Sent, status: number, answer: AnonymousAnswer): ClassicOutcome {
  const record = config.record ?? noSteps;
  const {data, signature} = step(record, {
    stage: 'A3', step: 'A3.1', action: 'decrypt', title: 'Client decrypts the answer with K_anon',
    run: () => decryptAnswer(state, status, answer),
    trace: (r) => ({inputs: {iv: answer.iv, message: answer.message}, outputs: {data: JSON.stringify(r.data), signature: r.signature}}),
  });
  const fields = step(record, {
    stage: 'A3', step: 'A3.2', action: 'verify', title: 'Client verifies the repository signature over str(data) with the pinned key',
    run: () => {
      if (!verifyData(config.repositoryKey, data, signature)) {
        throw new HandshakeError('A3', HandshakeErrorCode.BadRepositorySignature, 'the repository signature on the session answer does not verify with the pinned repository key');
      }
      const parsed = parseSessionAnswerData(data);
      if (parsed.organization !== config.organization || parsed.username !== config.username) {
        throw new HandshakeError('A3', HandshakeErrorCode.MalformedMessage, `the repository answered for ${parsed.organization}/${parsed.username}, not ${config.organization}/${config.username}`);
      }
      return parsed;
    },
    trace: (f) => ({inputs: {signature}, outputs: {valid: true, session_id: f.sessionId, nonce: f.nonce}}),
  });
  const secret = step(record, {
    stage: 'A3', step: 'A3.3', action: 'derive', title: 'Client derives session_key = HKDF-SHA256(ECDH(S_c, S_s)), 64 bytes',
    run: () => {
      try {
        return deriveClassicSecret(state.session, decodeWirePublicKey(fields.publicKey));
      } catch {
        throw new HandshakeError('A3', HandshakeErrorCode.InvalidPoint, 'the repository sent a session key that is not a P-521 public key');
      }
    },
    trace: (s) => ({outputs: {ecdh: hex(s.raw), session_key: hex(s.okm)}}),
  });
  return {...fields, sessionKey: secret.okm};
}
