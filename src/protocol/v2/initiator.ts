import type {KeyObject} from 'node:crypto';
import {aesGcmDecrypt, aesGcmEncrypt} from '../../crypto/aead.js';
import {constantTimeEqual, utf8} from '../../crypto/bytes.js';
import {ecdhSharedSecret, generateEcdhKeyPair, type EcdhKeyPair} from '../../crypto/ecdh.js';
import {ecdsaVerify, type Signer} from '../../crypto/ecdsa.js';
import {CryptoError} from '../../crypto/errors.js';
import type {Rng} from '../../crypto/random.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step, type StepRecorder} from '../steps.js';
import type {Transcript} from '../transcript.js';
import {MAX_SESSION_LIFETIME_MS, SignatureLabel, Size} from './constants.js';
import {deriveChannelKeys, deriveSessionKeys, finishedMac, signatureInput, type ChannelKeys, type SessionKeys} from './key-schedule.js';
import {
  encodeA1Plaintext, parseA2Plaintext, type A0Answer, type A0Request, type A1Request, type A3Answer, type A3Request, type SealedMessage,
} from './messages.js';
import {parseJsonBytes} from './fields.js';
import {a0SignedTranscript, a1SignedTranscript, a2SignedTranscript, SignatureField} from './transcript-v2.js';

/** What the client brings to a v2 handshake. */
export interface InitiatorConfig {
  /** The pinned repository public key (property 1) and its raw SHA-256 SPKI fingerprint (the audience). */
  readonly repositoryKey: KeyObject;
  readonly audience: Buffer;
  /** The subject's signing key (its private key, unlocked). */
  readonly subject: Signer;
  readonly organization: string;
  readonly username: string;
  readonly rng: Rng;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly record?: StepRecorder;
}

/** Client state after sending A0. */
export interface InitiatorA0Sent {
  readonly ephemeral: EcdhKeyPair;
  readonly request: A0Request;
}
/** Client state once the anonymous channel is authenticated and keyed. */
export interface InitiatorChannel {
  readonly channelId: Buffer;
  readonly transcript: Transcript;
  readonly keys: ChannelKeys;
}
/** Client state after sending A1. */
export interface InitiatorA1Sent extends InitiatorChannel {
  readonly session: EcdhKeyPair;
  readonly afterA1: Transcript;
}
/** Client state after A2 verified and A3 sent. */
export interface InitiatorA3Sent {
  readonly sessionId: Buffer;
  readonly expiresAt: number;
  readonly keys: SessionKeys;
  readonly afterA3: Transcript;
  readonly transcript: Transcript;
}

/** A0.1 keygen: a fresh ephemeral key pair E_c, a 32-byte client nonce and the client's clock. */
export function startA0(config: InitiatorConfig): {state: InitiatorA0Sent; request: A0Request} {
  const record = config.record ?? noSteps;
  return step(record, {
    stage: 'A0', step: 'A0.1', action: 'keygen', title: 'Client makes an ephemeral key pair E_c, a nonce and a timestamp',
    run: () => {
      const ephemeral = generateEcdhKeyPair(config.rng);
      const request: A0Request = {clientEphemeral: ephemeral.publicKey, clientNonce: config.rng(Size.Nonce), timestamp: config.clock()};
      return {state: {ephemeral, request}, request};
    },
    trace: ({request}) => ({outputs: {client_ephemeral: hex(request.clientEphemeral), client_nonce: hex(request.clientNonce), timestamp: request.timestamp}}),
  });
}

/**
 * A0.5 verify and A0.6 derive: checks the repository's A0 signature over H_a0s with the pinned key (T5, T6:
 * a swapped client key or a replayed server ephemeral changes H_a0s), then derives the channel keys.
 */
export function finishA0(config: InitiatorConfig, state: InitiatorA0Sent, answer: A0Answer): InitiatorChannel {
  const record = config.record ?? noSteps;
  const signed = a0SignedTranscript(config.audience, state.request, answer);
  step(record, {
    stage: 'A0', step: 'A0.5', action: 'verify', title: 'Client verifies the repository signature over H_a0s with the pinned key',
    run: () => {
      if (!ecdsaVerify(config.repositoryKey, signatureInput(SignatureLabel.ServerA0, signed.hash), answer.signature)) {
        throw new HandshakeError('A0', HandshakeErrorCode.BadRepositorySignature,
          'the repository signature on A0 does not verify with the pinned repository key (wrong server or an attack on the channel)');
      }
    },
    trace: () => ({inputs: {label: SignatureLabel.ServerA0, transcript_hash: hex(signed.hash), signature: hex(answer.signature)}, outputs: {valid: true}}),
  });
  const transcript = signed.absorb(SignatureField.A0, answer.signature);
  const keys = step(record, {
    stage: 'A0', step: 'A0.6', action: 'derive', title: 'Client derives the channel keys: HKDF(salt = H_a0, ECDH(E_c, E_s))',
    run: () => deriveChannelKeys(peerSecret(state.ephemeral, answer.serverEphemeral, 'A0'), transcript.hash),
    trace: (k) => ({inputs: {salt_h_a0: hex(transcript.hash)}, outputs: {prk: hex(k.prk), k_c2s: hex(k.clientToServer), k_s2c: hex(k.serverToClient)}}),
  });
  return {channelId: answer.channelId, transcript, keys};
}

/** A1.1 sign and A1.2 encrypt: a session key pair S_c, the subject's signature over H_a1s, sealed under k_c2s. */
export function buildA1(config: InitiatorConfig, channel: InitiatorChannel): {state: InitiatorA1Sent; request: A1Request} {
  const record = config.record ?? noSteps;
  const {session, signature, signed} = step(record, {
    stage: 'A1', step: 'A1.1', action: 'sign', title: 'Client makes the session key pair S_c; the subject signs H_a1s',
    run: () => {
      const session = generateEcdhKeyPair(config.rng);
      const signed = a1SignedTranscript(channel.transcript, {...config, sessionPublicKey: session.publicKey});
      return {session, signed, signature: config.subject.sign(signatureInput(SignatureLabel.ClientA1, signed.hash))};
    },
    trace: (r) => ({
      inputs: {organization: config.organization, username: config.username, label: SignatureLabel.ClientA1, transcript_hash: hex(r.signed.hash)},
      outputs: {session_public_key: hex(r.session.publicKey), signature: hex(r.signature)},
    }),
  });
  const plaintext = utf8(JSON.stringify(encodeA1Plaintext({sessionPublicKey: session.publicKey, organization: config.organization, username: config.username, signature})));
  const request = step(record, {
    stage: 'A1', step: 'A1.2', action: 'encrypt', title: 'Client seals A1 with AES-256-GCM under k_c2s, associated data H_a0',
    run: (): A1Request => {
      const iv = config.rng(Size.GcmIv);
      return {channelId: channel.channelId, iv, ...aesGcmEncrypt(channel.keys.clientToServer, iv, plaintext, channel.transcript.hash)};
    },
    trace: (r) => ({inputs: {plaintext: plaintext.toString('utf8'), aad_h_a0: hex(channel.transcript.hash)}, outputs: {iv: hex(r.iv), ciphertext: hex(r.ciphertext), tag: hex(r.tag)}}),
  });
  return {state: {...channel, session, afterA1: signed.absorb(SignatureField.A1, signature)}, request};
}

/**
 * A3.1 decrypt, A3.2 verify, A3.3 derive, A3.4 finished: opens A2, verifies the repository signature over
 * H_a2s with the pinned key, derives the session keys and computes the client's finished MAC.
 */
export function handleA2(config: InitiatorConfig, state: InitiatorA1Sent, answer: SealedMessage): {state: InitiatorA3Sent; request: A3Request} {
  const record = config.record ?? noSteps;
  const plaintext = step(record, {
    stage: 'A3', step: 'A3.1', action: 'decrypt', title: 'Client opens A2 with k_s2c, associated data H_a1',
    run: () => {
      try {
        return parseA2Plaintext(parseJsonBytes(aesGcmDecrypt(state.keys.serverToClient, answer.iv, answer, state.afterA1.hash), 'A3', 'A2 plaintext'));
      } catch (error) {
        if (error instanceof CryptoError) throw new HandshakeError('A3', HandshakeErrorCode.HandshakeFailed, 'the A2 answer did not decrypt: it was altered or is not for this handshake');
        throw error;
      }
    },
    trace: (p) => ({inputs: {iv: hex(answer.iv), ciphertext: hex(answer.ciphertext), tag: hex(answer.tag)}, outputs: {session_id: hex(p.sessionId), server_session_public_key: hex(p.sessionPublicKey), expires_at: p.expiresAt, signature: hex(p.signature)}}),
  });
  if (plaintext.expiresAt <= config.clock() || plaintext.expiresAt > config.clock() + MAX_SESSION_LIFETIME_MS) {
    throw new HandshakeError('A3', HandshakeErrorCode.MalformedMessage, `the repository proposed an expiry (${new Date(plaintext.expiresAt).toISOString()}) that is already past or more than 30 days away`);
  }
  const signed = a2SignedTranscript(state.afterA1, plaintext);
  step(record, {
    stage: 'A3', step: 'A3.2', action: 'verify', title: 'Client verifies the repository signature over H_a2s with the pinned key',
    run: () => {
      if (!ecdsaVerify(config.repositoryKey, signatureInput(SignatureLabel.ServerA2, signed.hash), plaintext.signature)) {
        throw new HandshakeError('A3', HandshakeErrorCode.BadRepositorySignature, 'the repository signature on A2 does not verify with the pinned repository key');
      }
    },
    trace: () => ({inputs: {label: SignatureLabel.ServerA2, transcript_hash: hex(signed.hash)}, outputs: {valid: true}}),
  });
  const transcript = signed.absorb(SignatureField.A2, plaintext.signature);
  const keys = step(record, {
    stage: 'A3', step: 'A3.3', action: 'derive', title: 'Client derives the session keys: HKDF(salt = H_a2, ECDH(S_c, S_s))',
    run: () => deriveSessionKeys(peerSecret(state.session, plaintext.sessionPublicKey, 'A3'), transcript.hash),
    trace: (k) => ({inputs: {salt_h_a2: hex(transcript.hash)}, outputs: {prk: hex(k.prk), k_c2s: hex(k.clientToServer), k_s2c: hex(k.serverToClient), k_finished: hex(k.finished)}}),
  });
  const finished = step(record, {
    stage: 'A3', step: 'A3.4', action: 'finished', title: 'Client computes its finished MAC over H_a2 (key confirmation)',
    run: () => finishedMac(keys.finished, 'client', transcript.hash),
    trace: (mac) => ({inputs: {transcript_hash: hex(transcript.hash)}, outputs: {client_finished: hex(mac)}}),
  });
  const afterA3 = transcript.absorb(SignatureField.ClientFinished, finished);
  return {state: {sessionId: plaintext.sessionId, expiresAt: plaintext.expiresAt, keys, transcript, afterA3}, request: {sessionId: plaintext.sessionId, finished}};
}

/** A3.6 confirm: the server's finished MAC over H_a3 proves it holds the same session keys (T7). */
export function finishA3(config: InitiatorConfig, state: InitiatorA3Sent, answer: A3Answer): void {
  step(config.record ?? noSteps, {
    stage: 'A3', step: 'A3.6', action: 'confirm', title: "Client checks the server's finished MAC over H_a3",
    run: () => {
      if (!constantTimeEqual(finishedMac(state.keys.finished, 'server', state.afterA3.hash), answer.finished)) {
        throw new HandshakeError('A3', HandshakeErrorCode.BadFinished, "the server's key confirmation does not match: the session is not established");
      }
    },
    trace: () => ({inputs: {server_finished: hex(answer.finished), transcript_hash: hex(state.afterA3.hash)}, outputs: {valid: true}}),
  });
}

function peerSecret(own: EcdhKeyPair, peer: Buffer, stage: 'A0' | 'A3'): Buffer {
  try {
    return ecdhSharedSecret(own, peer);
  } catch {
    throw new HandshakeError(stage, HandshakeErrorCode.InvalidPoint, 'the repository sent a public key that is not a valid P-256 point');
  }
}
