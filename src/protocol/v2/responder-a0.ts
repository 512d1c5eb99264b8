import {toBase64Url} from '../../crypto/bytes.js';
import {ecdhSharedSecret, generateEcdhKeyPair} from '../../crypto/ecdh.js';
import {isValidP256Point} from '../../crypto/p256.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step} from '../steps.js';
import {SignatureLabel, Size} from './constants.js';
import {deriveChannelKeys, signatureInput} from './key-schedule.js';
import type {A0Answer, A0Request} from './messages.js';
import type {ResponderConfig} from './responder.js';
import {nonceKey, packBuffers, type ResponderState} from './responder-state.js';
import {Transcript} from '../transcript.js';
import {a0SignedTranscript, SignatureField} from './transcript-v2.js';

/**
 * A0.2 check, A0.3 sign, A0.4 derive: validates the client's point, timestamp window and nonce freshness
 * (properties 5, 8), makes E_s, a server nonce and a channel id, signs H_a0s with the repository key,
 * derives the channel keys and keeps them as a pending channel (bounded, property 9).
 */
export function answerA0(config: ResponderConfig, state: ResponderState, request: A0Request): A0Answer {
  const record = config.record ?? noSteps;
  step(record, {
    stage: 'A0', step: 'A0.2', action: 'check', title: "Server checks the client's point, timestamp window and nonce",
    run: () => {
      if (!isValidP256Point(request.clientEphemeral)) {
        throw new HandshakeError('A0', HandshakeErrorCode.InvalidPoint, 'client_ephemeral is not a valid P-256 point', 400);
      }
      const now = config.clock();
      const {timestampPastMs, timestampFutureMs} = state.limits;
      if (request.timestamp < now - timestampPastMs || request.timestamp > now + timestampFutureMs) {
        throw new HandshakeError('A0', HandshakeErrorCode.StaleTimestamp, 'the A0 timestamp is outside the accepted window: check the client clock', 400);
      }
      const nonce = state.nonces.remember(nonceKey(request.clientNonce), request.timestamp);
      if (nonce === 'replayed') throw new HandshakeError('A0', HandshakeErrorCode.ReplayedNonce, 'this A0 nonce was already used', 400);
      if (nonce === 'below-floor') throw new HandshakeError('A0', HandshakeErrorCode.Busy, 'the repository is under load: retry with a fresh A0', 503);
    },
    trace: () => ({inputs: {client_ephemeral: hex(request.clientEphemeral), client_nonce: hex(request.clientNonce), timestamp: request.timestamp}, outputs: {valid: true}}),
  });
  const {answer, ephemeral, signed} = step(record, {
    stage: 'A0', step: 'A0.3', action: 'sign', title: 'Server makes E_s, a nonce and a channel id; the repository signs H_a0s',
    run: () => {
      const ephemeral = generateEcdhKeyPair(config.rng);
      const fields = {channelId: config.rng(Size.ChannelId), serverEphemeral: ephemeral.publicKey, serverNonce: config.rng(Size.Nonce)};
      const signed = a0SignedTranscript(config.audience, request, fields);
      const answer: A0Answer = {...fields, signature: config.repository.sign(signatureInput(SignatureLabel.ServerA0, signed.hash))};
      return {answer, ephemeral, signed};
    },
    trace: (r) => ({
      inputs: {label: SignatureLabel.ServerA0, audience: hex(config.audience), transcript_hash: hex(r.signed.hash)},
      outputs: {channel_id: hex(r.answer.channelId), server_ephemeral: hex(r.answer.serverEphemeral), server_nonce: hex(r.answer.serverNonce), signature: hex(r.answer.signature)},
    }),
  });
  const transcript = signed.absorb(SignatureField.A0, answer.signature);
  const keys = step(record, {
    stage: 'A0', step: 'A0.4', action: 'derive', title: 'Server derives the channel keys: HKDF(salt = H_a0, ECDH(E_s, E_c))',
    run: () => deriveChannelKeys(ecdhSharedSecret(ephemeral, request.clientEphemeral), transcript.hash),
    trace: (k) => ({inputs: {salt_h_a0: hex(transcript.hash)}, outputs: {prk: hex(k.prk), k_c2s: hex(k.clientToServer), k_s2c: hex(k.serverToClient)}}),
  });
  // Only what A1 needs is kept: the two channel keys and H_a0 (96 bytes, property 9).
  const [clientToServer, serverToClient, hash] = packBuffers(keys.clientToServer, keys.serverToClient, transcript.hash);
  state.channels.set(toBase64Url(answer.channelId), {keys: {clientToServer, serverToClient}, transcript: Transcript.resume(hash)},
    config.clock() + state.limits.pendingTtlMs);
  return answer;
}
