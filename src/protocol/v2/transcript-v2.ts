import {u64be, utf8} from '../../crypto/bytes.js';
import {Transcript} from '../transcript.js';
import {PROTOCOL_ID} from './constants.js';
import type {A0Request} from './messages.js';

/**
 * H_a0s — what the repository signs in A0 (A0.3): the audience (SHA-256 of the pinned repository SPKI,
 * binds the run to one repository, T8), the client's A0 fields, then the channel id, server ephemeral and
 * server nonce. Both sides build it with this function, so they cannot drift.
 */
export function a0SignedTranscript(
  audience: Uint8Array,
  request: A0Request,
  server: {readonly channelId: Uint8Array; readonly serverEphemeral: Uint8Array; readonly serverNonce: Uint8Array},
): Transcript {
  return Transcript.start(PROTOCOL_ID).absorbAll([
    ['audience', audience],
    ['client_ephemeral', request.clientEphemeral],
    ['client_nonce', request.clientNonce],
    ['timestamp', u64be(request.timestamp)],
    ['channel_id', server.channelId],
    ['server_ephemeral', server.serverEphemeral],
    ['server_nonce', server.serverNonce],
  ]);
}

/** H_a1s — what the subject signs in A1 (A1.1): H_a0 then organization, username and S_c. */
export function a1SignedTranscript(
  afterA0: Transcript,
  request: {readonly organization: string; readonly username: string; readonly sessionPublicKey: Uint8Array},
): Transcript {
  return afterA0.absorbAll([
    ['organization', utf8(request.organization)],
    ['username', utf8(request.username)],
    ['client_session_public_key', request.sessionPublicKey],
  ]);
}

/** H_a2s — what the repository signs in A2 (A2.3): H_a1 then session id, S_s and expiry. */
export function a2SignedTranscript(
  afterA1: Transcript,
  answer: {readonly sessionId: Uint8Array; readonly sessionPublicKey: Uint8Array; readonly expiresAt: number},
): Transcript {
  return afterA1.absorbAll([
    ['session_id', answer.sessionId],
    ['server_session_public_key', answer.sessionPublicKey],
    ['expires_at', u64be(answer.expiresAt)],
  ]);
}

/** Names under which each signature / MAC is absorbed after it is made. */
export const SignatureField = {
  A0: 'server_signature_a0',
  A1: 'client_signature_a1',
  A2: 'server_signature_a2',
  ClientFinished: 'client_finished',
} as const;
