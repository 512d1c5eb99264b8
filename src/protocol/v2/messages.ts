import {toBase64Url as b64} from '../../crypto/bytes.js';
import {P256_POINT_LENGTH} from '../../crypto/p256.js';
import {MAX_NAME_LENGTH, PROTOCOL_ID, Size} from './constants.js';
import {bytesField, exactObject, integerField, nameField} from './fields.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';

/** A0 request: the client's ephemeral point, nonce and clock (docs/PROTOCOL.md §A0). */
export interface A0Request {
  readonly clientEphemeral: Buffer;
  readonly clientNonce: Buffer;
  readonly timestamp: number;
}
/** A0 answer: channel id, server ephemeral point and nonce, repository signature over H_a0s. */
export interface A0Answer {
  readonly channelId: Buffer;
  readonly serverEphemeral: Buffer;
  readonly serverNonce: Buffer;
  readonly signature: Buffer;
}
/** An AES-256-GCM envelope (A1 carries the channel id too). */
export interface SealedMessage {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}
/** A1 request: the sealed, subject-signed session request on the anonymous channel. */
export interface A1Request extends SealedMessage {
  readonly channelId: Buffer;
}
/** A1 plaintext (inside the A1 envelope). */
export interface A1Plaintext {
  readonly sessionPublicKey: Buffer;
  readonly organization: string;
  readonly username: string;
  readonly signature: Buffer;
}
/** A2 plaintext (inside the A2 envelope): the repository's signed session answer. */
export interface A2Plaintext {
  readonly sessionId: Buffer;
  readonly sessionPublicKey: Buffer;
  readonly expiresAt: number;
  readonly signature: Buffer;
}
/** A3 request: key confirmation by the client. */
export interface A3Request {
  readonly sessionId: Buffer;
  readonly finished: Buffer;
}
/** A3 answer: key confirmation by the server. */
export interface A3Answer {
  readonly finished: Buffer;
}

const MAX_CIPHERTEXT = 2048;

export const encodeA0Request = (m: A0Request) => ({
  version: PROTOCOL_ID, client_ephemeral: b64(m.clientEphemeral), client_nonce: b64(m.clientNonce), timestamp: m.timestamp,
});
/** Parses an A0 request body strictly (property 8). */
export function parseA0Request(body: unknown): A0Request {
  const r = exactObject(body, ['version', 'client_ephemeral', 'client_nonce', 'timestamp'], 'A0', 'A0 request');
  if (r.version !== PROTOCOL_ID) {
    throw new HandshakeError('A0', HandshakeErrorCode.MalformedMessage, `unsupported version (expected ${PROTOCOL_ID})`, 400);
  }
  return {
    clientEphemeral: bytesField(r, 'client_ephemeral', 'A0', P256_POINT_LENGTH),
    clientNonce: bytesField(r, 'client_nonce', 'A0', Size.Nonce),
    timestamp: integerField(r, 'timestamp', 'A0'),
  };
}

export const encodeA0Answer = (m: A0Answer) => ({
  channel_id: b64(m.channelId), server_ephemeral: b64(m.serverEphemeral), server_nonce: b64(m.serverNonce), signature: b64(m.signature),
});
/** Parses the A0 answer (client side). */
export function parseA0Answer(body: unknown): A0Answer {
  const r = exactObject(body, ['channel_id', 'server_ephemeral', 'server_nonce', 'signature'], 'A0', 'A0 answer');
  return {
    channelId: bytesField(r, 'channel_id', 'A0', Size.ChannelId),
    serverEphemeral: bytesField(r, 'server_ephemeral', 'A0', P256_POINT_LENGTH),
    serverNonce: bytesField(r, 'server_nonce', 'A0', Size.Nonce),
    signature: bytesField(r, 'signature', 'A0', Size.Signature),
  };
}

const encodeSealed = (m: SealedMessage) => ({iv: b64(m.iv), ciphertext: b64(m.ciphertext), tag: b64(m.tag)});
export const encodeA1Request = (m: A1Request) => ({channel_id: b64(m.channelId), ...encodeSealed(m)});
/** Parses the A1 envelope. */
export function parseA1Request(body: unknown): A1Request {
  const r = exactObject(body, ['channel_id', 'iv', 'ciphertext', 'tag'], 'A1', 'A1 request');
  return {channelId: bytesField(r, 'channel_id', 'A1', Size.ChannelId), ...sealedFields(r, 'A1')};
}
export const encodeA2Answer = encodeSealed;
/** Parses the A2 envelope (client side). */
export function parseA2Answer(body: unknown): SealedMessage {
  return sealedFields(exactObject(body, ['iv', 'ciphertext', 'tag'], 'A2', 'A2 answer'), 'A2');
}

function sealedFields(r: Record<string, unknown>, stage: 'A1' | 'A2'): SealedMessage {
  return {
    iv: bytesField(r, 'iv', stage, Size.GcmIv),
    ciphertext: bytesField(r, 'ciphertext', stage, undefined, MAX_CIPHERTEXT),
    tag: bytesField(r, 'tag', stage, Size.GcmTag),
  };
}

export const encodeA1Plaintext = (m: A1Plaintext) => ({
  session_public_key: b64(m.sessionPublicKey), organization: m.organization, username: m.username, signature: b64(m.signature),
});
/** Parses the decrypted A1 plaintext (server side). */
export function parseA1Plaintext(value: unknown): A1Plaintext {
  const r = exactObject(value, ['session_public_key', 'organization', 'username', 'signature'], 'A1', 'A1 plaintext');
  return {
    sessionPublicKey: bytesField(r, 'session_public_key', 'A1', P256_POINT_LENGTH),
    organization: nameField(r, 'organization', 'A1', MAX_NAME_LENGTH),
    username: nameField(r, 'username', 'A1', MAX_NAME_LENGTH),
    signature: bytesField(r, 'signature', 'A1', Size.Signature),
  };
}

export const encodeA2Plaintext = (m: A2Plaintext) => ({
  session_id: b64(m.sessionId), session_public_key: b64(m.sessionPublicKey), expires_at: m.expiresAt, signature: b64(m.signature),
});
/** Parses the decrypted A2 plaintext (client side). */
export function parseA2Plaintext(value: unknown): A2Plaintext {
  const r = exactObject(value, ['session_id', 'session_public_key', 'expires_at', 'signature'], 'A2', 'A2 plaintext');
  return {
    sessionId: bytesField(r, 'session_id', 'A2', Size.SessionId),
    sessionPublicKey: bytesField(r, 'session_public_key', 'A2', P256_POINT_LENGTH),
    expiresAt: integerField(r, 'expires_at', 'A2'),
    signature: bytesField(r, 'signature', 'A2', Size.Signature),
  };
}

export const encodeA3Request = (m: A3Request) => ({session_id: b64(m.sessionId), finished: b64(m.finished)});
/** Parses the A3 request (server side). */
export function parseA3Request(body: unknown): A3Request {
  const r = exactObject(body, ['session_id', 'finished'], 'A3', 'A3 request');
  return {sessionId: bytesField(r, 'session_id', 'A3', Size.SessionId), finished: bytesField(r, 'finished', 'A3', Size.Mac)};
}
export const encodeA3Answer = (m: A3Answer) => ({finished: b64(m.finished)});
/** Parses the A3 answer (client side). */
export function parseA3Answer(body: unknown): A3Answer {
  const r = exactObject(body, ['finished'], 'A3', 'A3 answer');
  return {finished: bytesField(r, 'finished', 'A3', Size.Mac)};
}
