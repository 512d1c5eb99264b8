import type {Rng} from '../../crypto/random.js';
import {CryptoError} from '../../crypto/errors.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {openJson, sealJson, sessionMac, sessionMacMatches} from './envelope.js';
import {objectField, stringField, type JsonObject} from './fields.js';
import {splitSessionKey} from './keys.js';
import {pyJsonDumps} from './py-json.js';
import type {PyValue} from './py-repr.js';

/** An authenticated request body (README §4): `{"data": {"message", "iv"}, "signature": HMAC, "session_id"}`. */
export type SessionRequestBody = {
  readonly data: {readonly message: string; readonly iv: string};
  readonly signature: string;
  readonly session_id: number;
};

/** What the server reads from a request body before it knows the session key. */
export interface ParsedSessionRequest {
  readonly sessionId: unknown;
  readonly message: string;
  readonly iv: string;
  readonly signature: string;
}

/**
 * Client: the reference's authenticated request (`encrypt_payload` + `session_id`): plaintext
 * `{"session_id", "counter", "nonce", …fields}` as JSON under AES-256-CBC with `session_key[:32]`, and
 * HMAC-SHA256 with `session_key[32:]` over base64(ciphertext) ‖ base64(iv). `counter` is the file's + 1.
 */
export function sealSessionRequest(
  sessionKey: Uint8Array, session: {sessionId: number; counter: number; nonce: string}, fields: Record<string, PyValue>, rng: Rng,
): SessionRequestBody {
  const {encryption, integrity} = splitSessionKey(sessionKey);
  const sealed = sealJson(encryption, {session_id: session.sessionId, counter: session.counter, nonce: session.nonce, ...fields}, rng);
  return {data: {message: sealed.message, iv: sealed.iv}, signature: sessionMac(integrity, sealed.message, sealed.iv), session_id: session.sessionId};
}

/** Server: the parts of a request body; `malformed_message` (400) if the shape is wrong. */
export function parseSessionRequestBody(body: unknown): ParsedSessionRequest {
  const what = 'the session request';
  const object = objectField(body, 'session', what);
  const data = objectField(object.data, 'session', what);
  return {
    sessionId: object.session_id, message: stringField(data, 'message', 'session', what),
    iv: stringField(data, 'iv', 'session', what), signature: stringField(object, 'signature', 'session', what),
  };
}

/**
 * Opens a MAC'd envelope (either direction): checks the HMAC first (constant time), then decrypts. Returns
 * undefined when the MAC does not match (the reference: 403 `Invalid session key`); a MAC'd envelope that
 * does not decrypt to JSON is `malformed_message`.
 */
export function openSessionEnvelope(sessionKey: Uint8Array, envelope: {message: string; iv: string; signature: string}): JsonObject | undefined {
  const {encryption, integrity} = splitSessionKey(sessionKey);
  if (!sessionMacMatches(integrity, envelope.message, envelope.iv, envelope.signature)) return undefined;
  try {
    return objectField(openJson(encryption, envelope.message, envelope.iv), 'session', 'the session message');
  } catch (error) {
    if (error instanceof CryptoError) throw new HandshakeError('session', HandshakeErrorCode.MalformedMessage, 'the session message did not decrypt', 400);
    throw error;
  }
}

/**
 * Server: an authenticated answer, Flask `jsonify` style (README §4): `{"data": {"iv", "message"},
 * "signature"}` with sorted keys, two-space indent and a final newline, `application/json`.
 */
export function sealSessionResponse(sessionKey: Uint8Array, plaintext: PyValue, rng: Rng): string {
  const {encryption, integrity} = splitSessionKey(sessionKey);
  const sealed = sealJson(encryption, plaintext, rng);
  const body = {data: {iv: sealed.iv, message: sealed.message}, signature: sessionMac(integrity, sealed.message, sealed.iv)};
  return `${pyJsonDumps(body, {indent: 2, sortKeys: true})}\n`;
}

/** Client: true when an answer is a MAC'd envelope `{"data": {"message", "iv"}, "signature"}`. */
export function isSessionEnvelope(body: unknown): body is {data: {message: string; iv: string}; signature: string} {
  if (typeof body !== 'object' || body === null) return false;
  const {data, signature} = body as {data?: {message?: unknown; iv?: unknown}; signature?: unknown};
  return typeof signature === 'string' && typeof data === 'object' && data !== null && typeof data.message === 'string' && typeof data.iv === 'string';
}
