import type {KeyObject} from 'node:crypto';
import {aesGcmDecrypt, aesGcmEncrypt} from '../../crypto/aead.js';
import {constantTimeEqual, toBase64Url, utf8} from '../../crypto/bytes.js';
import {ecdhSharedSecret, generateEcdhKeyPair} from '../../crypto/ecdh.js';
import {ecdsaVerify, type Signer} from '../../crypto/ecdsa.js';
import {isValidP256Point} from '../../crypto/p256.js';
import type {Rng} from '../../crypto/random.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step, type StepRecorder} from '../steps.js';
import {SESSION_LIFETIME_MS, SignatureLabel, Size} from './constants.js';
import {parseJsonBytes} from './fields.js';
import {deriveSessionKeys, finishedMac, signatureInput, type SessionKeys} from './key-schedule.js';
import {encodeA2Plaintext, parseA1Plaintext, type A1Request, type A3Answer, type A3Request, type SealedMessage} from './messages.js';
import {createResponderState, packBuffers, type ResponderLimits, type ResponderState} from './responder-state.js';
import {Transcript} from '../transcript.js';
import {a1SignedTranscript, a2SignedTranscript, SignatureField} from './transcript-v2.js';

export {answerA0} from './responder-a0.js';

/** A subject as the responder needs it: its registered key in the organization and its status. */
export interface SubjectKey {
  readonly publicKey: KeyObject;
  readonly status: 'active' | 'suspended';
}

/** The repository side of v2: its identity, randomness, clock, subject directory and bounded state. */
export interface ResponderConfig {
  readonly repository: Signer;
  /** Raw SHA-256 of the repository's SPKI (the audience both sides absorb first). */
  readonly audience: Buffer;
  readonly rng: Rng;
  readonly clock: () => number;
  readonly findSubject: (organization: string, username: string) => SubjectKey | undefined;
  readonly sessionLifetimeMs?: number;
  readonly record?: StepRecorder;
}

/** A session confirmed at A3, for the caller to store (keys never leave the server in plain text at rest). */
export interface EstablishedSession {
  readonly id: string;
  readonly channelId: string;
  readonly organization: string;
  readonly username: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly keys: Pick<SessionKeys, 'clientToServer' | 'serverToClient' | 'finished'>;
}

/** Creates the responder's bounded state (pending channels, nonce cache, pending sessions). */
export function createResponder(limits?: Partial<ResponderLimits>, clock: () => number = Date.now): ResponderState {
  return createResponderState(limits, clock);
}

const refused = () => new HandshakeError('A2', HandshakeErrorCode.HandshakeFailed, 'the repository refused the session request', 401);

/**
 * A2.1 decrypt … A2.5 encrypt. The channel is taken (deleted) before decrypting (property 4: one attempt);
 * unknown channel, failed decryption, unknown organization or user and a bad subject signature all give the
 * same 401 `handshake_failed` (property 8, T14), and an unknown subject still costs one signature check.
 */
export function answerA1(config: ResponderConfig, state: ResponderState, request: A1Request): SealedMessage {
  const record = config.record ?? noSteps;
  const channel = state.channels.take(toBase64Url(request.channelId));
  if (!channel) throw refused();
  const plaintext = step(record, {
    stage: 'A2', step: 'A2.1', action: 'decrypt', title: 'Server opens A1 with k_c2s, associated data H_a0 (channel burnt first)',
    run: () => {
      try {
        return parseA1Plaintext(parseJsonBytes(aesGcmDecrypt(channel.keys.clientToServer, request.iv, request, channel.transcript.hash), 'A2', 'A1 plaintext'));
      } catch {
        throw refused();
      }
    },
    trace: (p) => ({inputs: {iv: hex(request.iv), ciphertext: hex(request.ciphertext), tag: hex(request.tag)}, outputs: {organization: p.organization, username: p.username, session_public_key: hex(p.sessionPublicKey), signature: hex(p.signature)}}),
  });
  const signed = a1SignedTranscript(channel.transcript, plaintext);
  const subject = step(record, {
    stage: 'A2', step: 'A2.2', action: 'verify', title: "Server verifies the subject's signature over H_a1s with the key registered in the organization",
    run: () => {
      if (!isValidP256Point(plaintext.sessionPublicKey)) {
        throw new HandshakeError('A2', HandshakeErrorCode.InvalidPoint, 'session_public_key is not a valid P-256 point', 400);
      }
      const found = config.findSubject(plaintext.organization, plaintext.username);
      const key = found?.publicKey ?? config.repository.publicKey; // same cost whether or not the subject exists
      const valid = ecdsaVerify(key, signatureInput(SignatureLabel.ClientA1, signed.hash), plaintext.signature);
      if (!found || !valid) throw refused();
      if (found.status !== 'active') {
        throw new HandshakeError('A2', HandshakeErrorCode.SubjectSuspended, `subject ${plaintext.username} is suspended in organization ${plaintext.organization}`, 403);
      }
      return found;
    },
    trace: () => ({inputs: {label: SignatureLabel.ClientA1, transcript_hash: hex(signed.hash)}, outputs: {valid: true}}),
  });
  void subject;
  const afterA1 = signed.absorb(SignatureField.A1, plaintext.signature);
  const answer = step(record, {
    stage: 'A2', step: 'A2.3', action: 'sign', title: 'Server makes S_s, a session id and an expiry; the repository signs H_a2s',
    run: () => {
      const session = generateEcdhKeyPair(config.rng);
      const sessionId = config.rng(Size.SessionId);
      const expiresAt = config.clock() + (config.sessionLifetimeMs ?? SESSION_LIFETIME_MS);
      const signedA2 = a2SignedTranscript(afterA1, {sessionId, sessionPublicKey: session.publicKey, expiresAt});
      const signature = config.repository.sign(signatureInput(SignatureLabel.ServerA2, signedA2.hash));
      return {session, sessionId, expiresAt, signature, transcript: signedA2.absorb(SignatureField.A2, signature), signedHash: signedA2.hash};
    },
    trace: (a) => ({inputs: {label: SignatureLabel.ServerA2, transcript_hash: hex(a.signedHash)}, outputs: {session_id: hex(a.sessionId), server_session_public_key: hex(a.session.publicKey), expires_at: a.expiresAt, signature: hex(a.signature)}}),
  });
  const keys = step(record, {
    stage: 'A2', step: 'A2.4', action: 'derive', title: 'Server derives the session keys: HKDF(salt = H_a2, ECDH(S_s, S_c))',
    run: () => {
      try {
        return deriveSessionKeys(ecdhSharedSecret(answer.session, plaintext.sessionPublicKey), answer.transcript.hash);
      } catch {
        throw new HandshakeError('A2', HandshakeErrorCode.InvalidPoint, 'the session public key is not a valid P-256 point', 400);
      }
    },
    trace: (k) => ({inputs: {salt_h_a2: hex(answer.transcript.hash)}, outputs: {prk: hex(k.prk), k_c2s: hex(k.clientToServer), k_s2c: hex(k.serverToClient), k_finished: hex(k.finished)}}),
  });
  const now = config.clock();
  const clientFinished = finishedMac(keys.finished, 'client', answer.transcript.hash);
  // Only what A3 needs is kept, packed: the three keys, the expected MAC and H_a3 (property 9).
  const [c2s, s2c, finished, expected, afterA3] = packBuffers(keys.clientToServer, keys.serverToClient, keys.finished, clientFinished,
    answer.transcript.absorb(SignatureField.ClientFinished, clientFinished).hash);
  state.pendingSessions.set(toBase64Url(answer.sessionId), {
    channelId: toBase64Url(request.channelId), organization: plaintext.organization, username: plaintext.username,
    keys: {clientToServer: c2s, serverToClient: s2c, finished}, clientFinished: expected,
    afterA3: Transcript.resume(afterA3), createdAt: now, expiresAt: answer.expiresAt,
  }, now + state.limits.pendingTtlMs);
  const body = utf8(JSON.stringify(encodeA2Plaintext({sessionId: answer.sessionId, sessionPublicKey: answer.session.publicKey, expiresAt: answer.expiresAt, signature: answer.signature})));
  return step(record, {
    stage: 'A2', step: 'A2.5', action: 'encrypt', title: 'Server seals A2 with AES-256-GCM under k_s2c, associated data H_a1',
    run: (): SealedMessage => {
      const iv = config.rng(Size.GcmIv);
      return {iv, ...aesGcmEncrypt(channel.keys.serverToClient, iv, body, afterA1.hash)};
    },
    trace: (m) => ({inputs: {plaintext: body.toString('utf8'), aad_h_a1: hex(afterA1.hash)}, outputs: {iv: hex(m.iv), ciphertext: hex(m.ciphertext), tag: hex(m.tag)}}),
  });
}

/**
 * A3.5 confirm: checks the client's finished MAC in constant time (property 6). The pending session is taken
 * first, so a failed or replayed A3 finds nothing. Returns the server's finished MAC and the session to store.
 */
export function answerA3(config: ResponderConfig, state: ResponderState, request: A3Request): {answer: A3Answer; session: EstablishedSession} {
  const id = toBase64Url(request.sessionId);
  return step(config.record ?? noSteps, {
    stage: 'A3', step: 'A3.5', action: 'confirm', title: "Server checks the client's finished MAC and answers with its own",
    run: () => {
      const pending = state.pendingSessions.take(id);
      if (!pending || !constantTimeEqual(pending.clientFinished, request.finished)) {
        throw new HandshakeError('A3', HandshakeErrorCode.HandshakeFailed, 'the repository refused the key confirmation', 401);
      }
      const answer = {finished: finishedMac(pending.keys.finished, 'server', pending.afterA3.hash)};
      return {answer, session: {id, channelId: pending.channelId, organization: pending.organization, username: pending.username, createdAt: pending.createdAt, expiresAt: pending.expiresAt, keys: pending.keys}};
    },
    trace: (r) => ({inputs: {client_finished: hex(request.finished)}, outputs: {valid: true, server_finished: hex(r.answer.finished)}}),
  });
}
