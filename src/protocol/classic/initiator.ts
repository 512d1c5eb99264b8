import type {KeyObject} from 'node:crypto';
import type {DerSigner} from '../../crypto/ecdsa-der.js';
import {generateP521KeyPair} from '../../crypto/p521.js';
import type {Rng} from '../../crypto/random.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step, type StepRecorder} from '../steps.js';
import {sealJson} from './envelope.js';
import {anonymousKeyOf, decodeWirePublicKey, deriveClassicSecret, encodeWirePublicKey} from './keys.js';
import type {AnonymousRequest, KeyExchangeAnswer, KeyExchangeRequest} from './messages.js';
import {signData, verifyData} from './signatures.js';

export {handleA2, refusalOf, type ClassicOutcome} from './initiator-a3.js';

/** What any classic anonymous exchange needs (session creation, `/organizations`). */
export interface ClassicChannelConfig {
  /** The pinned repository public key (P-521; REP_PUB_KEY as the reference's client uses it). */
  readonly repositoryKey: KeyObject;
  /** Key pairs and IVs (a seeded rng gives a reproducible run). */
  readonly rng: Rng;
  readonly record?: StepRecorder;
}

/** What the client brings to a classic handshake (the reference's `rep_create_session`). */
export interface ClassicInitiatorConfig extends ClassicChannelConfig {
  /** The subject's unlocked P-521 key. */
  readonly subject: DerSigner;
  readonly organization: string;
  readonly username: string;
}

/** Client state after message 1. */
export interface ClassicA0Sent {
  readonly ephemeral: KeyObject;
  /** The base64 string sent in message 1 (it names the channel in message 3). */
  readonly clientKey: string;
}
/** The anonymous channel: the client's key string and the 32-byte AES key K_anon. */
export interface ClassicChannel {
  readonly clientKey: string;
  readonly key: Buffer;
}
/** Client state after message 3. */
export interface ClassicA1Sent {
  readonly channel: ClassicChannel;
  readonly session: KeyObject;
}

/** A0.1 keygen: a fresh ephemeral P-521 key pair E_c; message 1 carries b64(PEM E_c). */
export function startA0(config: ClassicChannelConfig): {state: ClassicA0Sent; request: KeyExchangeRequest} {
  return step(config.record ?? noSteps, {
    stage: 'A0', step: 'A0.1', action: 'keygen', title: 'Client makes an ephemeral P-521 key pair E_c',
    run: () => {
      const ephemeral = generateP521KeyPair(config.rng).privateKey;
      const clientKey = encodeWirePublicKey(ephemeral);
      return {state: {ephemeral, clientKey}, request: {publicKey: clientKey}};
    },
    trace: (r) => ({outputs: {client_ephemeral_public_key: r.request.publicKey}}),
  });
}

/**
 * A0.5 verify and A0.6 derive: checks the repository's signature over `str(data)` of message 2 with the
 * pinned key, then K_anon = HKDF(ECDH(E_c, E_s))[:32]. Nothing binds E_s to E_c (weakness 2).
 */
export function finishA0(config: ClassicChannelConfig, state: ClassicA0Sent, answer: KeyExchangeAnswer): ClassicChannel {
  const record = config.record ?? noSteps;
  step(record, {
    stage: 'A0', step: 'A0.5', action: 'verify', title: "Client verifies the repository signature over str(data) with the pinned key",
    run: () => {
      if (!verifyData(config.repositoryKey, answer.data, answer.signature)) {
        throw new HandshakeError('A0', HandshakeErrorCode.BadRepositorySignature, 'the repository signature on the key exchange does not verify with the pinned repository key');
      }
    },
    trace: () => ({inputs: {server_ephemeral_public_key: answer.publicKey, signature: answer.signature}, outputs: {valid: true}}),
  });
  const secret = step(record, {
    stage: 'A0', step: 'A0.6', action: 'derive', title: 'Client derives K_anon = HKDF-SHA256(ECDH(E_c, E_s))[:32]',
    run: () => {
      try {
        return deriveClassicSecret(state.ephemeral, decodeWirePublicKey(answer.publicKey));
      } catch {
        throw new HandshakeError('A0', HandshakeErrorCode.InvalidPoint, 'the repository sent an ephemeral key that is not a P-521 public key');
      }
    },
    trace: (s) => ({outputs: {ecdh: hex(s.raw), hkdf: hex(s.okm), k_anon: hex(anonymousKeyOf(s))}}),
  });
  return {clientKey: state.clientKey, key: anonymousKeyOf(secret)};
}

/**
 * A1.1 sign and A1.2 encrypt: a session key pair S_c; the subject signs `str({'public_key', 'organization',
 * 'username'})`; `{"data", "signature"}` is encrypted under K_anon (message 3). No nonce, no binding to the
 * channel (weakness 3). (The reference computes A1.1 before A0; the bytes are the same.)
 */
export function buildA1(config: ClassicInitiatorConfig, channel: ClassicChannel): {state: ClassicA1Sent; request: AnonymousRequest} {
  const record = config.record ?? noSteps;
  const signed = step(record, {
    stage: 'A1', step: 'A1.1', action: 'sign', title: 'Client makes the session key pair S_c; the subject signs str(data)',
    run: () => {
      const session = generateP521KeyPair(config.rng).privateKey;
      const data = {public_key: encodeWirePublicKey(session), organization: config.organization, username: config.username};
      return {session, data, signature: signData(config.subject, data)};
    },
    trace: (r) => ({inputs: {organization: config.organization, username: config.username}, outputs: {session_public_key: r.data.public_key, signature: r.signature}}),
  });
  const sealed = step(record, {
    stage: 'A1', step: 'A1.2', action: 'encrypt', title: 'Client encrypts {"data", "signature"} with AES-256-CBC under K_anon',
    run: () => sealJson(channel.key, {data: signed.data, signature: signed.signature}, config.rng),
    trace: (s) => ({inputs: {plaintext: s.plaintext}, outputs: {iv: s.iv, message: s.message}}),
  });
  return {state: {channel, session: signed.session}, request: {clientKey: channel.clientKey, message: sealed.message, iv: sealed.iv}};
}
