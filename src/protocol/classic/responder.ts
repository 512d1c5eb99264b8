import type {DerSigner} from '../../crypto/ecdsa-der.js';
import {CryptoError, CryptoErrorCode} from '../../crypto/errors.js';
import {generateP521KeyPair} from '../../crypto/p521.js';
import type {Rng} from '../../crypto/random.js';
import {BoundedTtlMap} from '../bounded-map.js';
import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';
import {hex, noSteps, step, type StepRecorder} from '../steps.js';
import {CLASSIC_PENDING_CAPACITY, CLASSIC_PENDING_TTL_MS} from './constants.js';
import {openJson, sealJson} from './envelope.js';
import {anonymousKeyOf, decodeWirePublicKey, deriveClassicSecret, encodeWirePublicKey} from './keys.js';
import type {AnonymousAnswer, AnonymousRequest, KeyExchangeRequest} from './messages.js';
import type {PyValue} from './py-repr.js';
import {signData} from './signatures.js';

/** The repository side of the classic suite: its P-521 identity, randomness, clock and step recorder. */
export interface ClassicResponderConfig {
  readonly repository: DerSigner;
  readonly rng: Rng;
  readonly clock: () => number;
  readonly record?: StepRecorder;
}

/**
 * Anonymous-channel keys waiting for phase 2, keyed by the client's base64 key string exactly as sent (the
 * reference's global `ephemeral_keys`, shared by `/sessions` and `/organizations`). Unlike the reference it
 * is bounded and entries expire (weakness 6).
 */
export interface ClassicResponderState {
  readonly channels: BoundedTtlMap<Buffer>;
  readonly ttlMs: number;
  /**
   * The `--retrying` variant (off by default; for the attack lab's padding oracle, T2): a failed decryption
   * puts K_anon back instead of burning the channel, and says which check failed (`Invalid padding bytes.`
   * or not JSON), as the reference's distinct 500 pages do. A common implementation mistake, never a default.
   */
  readonly retrying?: boolean;
}

/** Creates the pending-channel map (defaults: 10 000 entries, 60 s, not retrying). */
export function createClassicResponderState(clock: () => number, limits: {capacity?: number; ttlMs?: number; retrying?: boolean} = {}): ClassicResponderState {
  return {
    channels: new BoundedTtlMap(limits.capacity ?? CLASSIC_PENDING_CAPACITY, clock), ttlMs: limits.ttlMs ?? CLASSIC_PENDING_TTL_MS,
    ...(limits.retrying ? {retrying: true} : {}),
  };
}

/** What the server answers in phase 2: a status and the plaintext to encrypt under K_anon. */
export interface ClassicAnswer {
  readonly status: number;
  readonly plaintext: PyValue;
}

/**
 * A0.2 check, A0.3 sign, A0.4 derive (message 1 → message 2): the client key must be the base64 of a P-521
 * PEM public key (the reference answers a 500 otherwise, R3/R9); E_s is fresh; the repository signs
 * `str({'public_key': b64(E_s)})` — nothing else (weakness 2); K_anon is kept under the client's string.
 * A second message 1 with the same key replaces the first (as in the reference, R8).
 */
export function answerKeyExchange(config: ClassicResponderConfig, state: ClassicResponderState, request: KeyExchangeRequest): {publicKey: string; signature: string} {
  const record = config.record ?? noSteps;
  const clientKey = step(record, {
    stage: 'A0', step: 'A0.2', action: 'check', title: "Server reads the client's ephemeral key (base64 of a P-521 PEM)",
    run: () => {
      try {
        return decodeWirePublicKey(request.publicKey);
      } catch {
        throw new HandshakeError('A0', HandshakeErrorCode.InvalidPoint, 'public_key must be the base64 of a P-521 public key in PEM (SubjectPublicKeyInfo)', 400);
      }
    },
    trace: () => ({inputs: {client_ephemeral_public_key: request.publicKey}, outputs: {valid: true}}),
  });
  const signed = step(record, {
    stage: 'A0', step: 'A0.3', action: 'sign', title: "Server makes E_s; the repository signs str({'public_key': E_s})",
    run: () => {
      const ephemeral = generateP521KeyPair(config.rng).privateKey;
      const data = {public_key: encodeWirePublicKey(ephemeral)};
      return {ephemeral, publicKey: data.public_key, signature: signData(config.repository, data)};
    },
    trace: (r) => ({outputs: {server_ephemeral_public_key: r.publicKey, signature: r.signature}}),
  });
  const secret = step(record, {
    stage: 'A0', step: 'A0.4', action: 'derive', title: 'Server derives K_anon = HKDF-SHA256(ECDH(E_s, E_c))[:32] and keeps it',
    run: () => deriveClassicSecret(signed.ephemeral, clientKey),
    trace: (s) => ({outputs: {ecdh: hex(s.raw), k_anon: hex(anonymousKeyOf(s))}}),
  });
  state.channels.set(request.publicKey, anonymousKeyOf(secret), config.clock() + state.ttlMs);
  return {publicKey: signed.publicKey, signature: signed.signature};
}

/**
 * A2.1 decrypt (phase 2 of `/sessions` and `/organizations`): takes K_anon for the client's key string —
 * deleted before decrypting, as in the reference, so one attempt per channel — then decrypts and parses.
 * An unknown or used key is a HandshakeError 400 (the reference: 500 KeyError); a failed decryption gives
 * a refusal to encrypt under K_anon (the reference: 500 padding error). With `state.retrying` a failed
 * decryption keeps the channel and answers a plain 400 naming the failure (a padding oracle, T2).
 */
export function openAnonymousRequest(
  config: ClassicResponderConfig, state: ClassicResponderState, request: AnonymousRequest, stage: StageId = 'A2',
): {key: Buffer; plaintext?: unknown; refusal?: ClassicAnswer} {
  const key = state.channels.take(request.clientKey);
  if (!key) throw new HandshakeError(stage, HandshakeErrorCode.HandshakeFailed, 'client_ephemeral_public_key names no pending key exchange (unknown, expired or already used)', 400);
  return step(config.record ?? noSteps, {
    stage, step: `${stage}.1`, action: 'decrypt', title: 'Server takes K_anon (deleted first) and decrypts the request',
    run: () => {
      try {
        return {key, plaintext: openJson(key, request.message, request.iv)};
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        if (state.retrying) {
          state.channels.set(request.clientKey, key, config.clock() + state.ttlMs);
          const padding = error.code === CryptoErrorCode.DecryptFailed;
          throw new HandshakeError(stage, HandshakeErrorCode.MalformedMessage, padding ? 'Invalid padding bytes.' : 'The decrypted message is not JSON.', 400);
        }
        return {key, refusal: {status: 400, plaintext: {error: 'The message could not be decrypted.'}}};
      }
    },
    trace: (r): {inputs: Record<string, string>; outputs: Record<string, string | boolean>} => ({inputs: {iv: request.iv, message: request.message}, outputs: r.refusal ? {valid: false} : {plaintext: JSON.stringify(r.plaintext)}}),
  });
}

/** A2.5 encrypt: the answer's plaintext under K_anon with a fresh IV (message 4; never signed on errors). */
export function sealAnonymousAnswer(config: ClassicResponderConfig, key: Buffer, answer: ClassicAnswer, stage: StageId = 'A2'): AnonymousAnswer {
  return step(config.record ?? noSteps, {
    stage, step: `${stage}.5`, action: 'encrypt', title: 'Server encrypts the answer with AES-256-CBC under K_anon',
    run: () => sealJson(key, answer.plaintext, config.rng),
    trace: (s) => ({inputs: {status: answer.status, plaintext: s.plaintext}, outputs: {iv: s.iv, message: s.message}}),
  });
}
