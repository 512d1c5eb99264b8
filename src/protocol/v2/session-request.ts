import {aesGcmDecrypt, aesGcmEncrypt} from '../../crypto/aead.js';
import {toBase64Url, u64be, utf8} from '../../crypto/bytes.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {RecordLabel, Size} from './constants.js';
import {bytesField, exactObject, integerField, parseJsonBytes} from './fields.js';

/** Where a record travels: the method and path it was sent on, bound into its associated data. */
export interface RecordRoute {
  readonly method: string;
  readonly path: string;
}

/** A sealed session request or response as it travels (property 7). */
export interface SessionRecord {
  readonly sessionId: Buffer;
  readonly sequence: number;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** The 12-byte AES-GCM nonce of a record: 4 zero bytes ‖ u64be(sequence). Each direction has its own key. */
export function recordNonce(sequence: number): Buffer {
  return Buffer.concat([Buffer.alloc(4), u64be(sequence)]);
}

/**
 * Associated data of a record: `label ‖ 0x00 ‖ session_id ‖ u64be(sequence) ‖ method ‖ 0x00 ‖ path`, so a
 * record cannot be replayed on another session, reordered, moved to another path, or reflected (T9, T12).
 */
export function recordAad(direction: 'request' | 'response', sessionId: Uint8Array, sequence: number, route: RecordRoute): Buffer {
  const label = direction === 'request' ? RecordLabel.Request : RecordLabel.Response;
  return Buffer.concat([utf8(label), Buffer.of(0), sessionId, u64be(sequence), utf8(route.method.toUpperCase()), Buffer.of(0), utf8(route.path)]);
}

/** Seals a JSON body in one direction under that direction's session key. */
export function sealRecord(
  direction: 'request' | 'response', key: Uint8Array, sessionId: Buffer, sequence: number, route: RecordRoute, body: unknown,
): SessionRecord {
  const sealed = aesGcmEncrypt(key, recordNonce(sequence), utf8(JSON.stringify(body)), recordAad(direction, sessionId, sequence, route));
  return {sessionId, sequence, ...sealed};
}

/** Opens a record; any failure is `session_rejected` (no detail). */
export function openRecord(direction: 'request' | 'response', key: Uint8Array, record: SessionRecord, route: RecordRoute): unknown {
  try {
    const plaintext = aesGcmDecrypt(key, recordNonce(record.sequence), record, recordAad(direction, record.sessionId, record.sequence, route));
    return parseJsonBytes(plaintext, 'session', 'record');
  } catch {
    throw new HandshakeError('session', HandshakeErrorCode.SessionRejected, 'the session request was refused', 401);
  }
}

/** Wire form of a request record: `{"session_id", "sequence", "ciphertext", "tag"}`. */
export function encodeRequestRecord(record: SessionRecord) {
  return {session_id: toBase64Url(record.sessionId), sequence: record.sequence, ciphertext: toBase64Url(record.ciphertext), tag: toBase64Url(record.tag)};
}
/** Parses a request record. */
export function parseRequestRecord(body: unknown): SessionRecord {
  const r = exactObject(body, ['session_id', 'sequence', 'ciphertext', 'tag'], 'session', 'session request');
  return {
    sessionId: bytesField(r, 'session_id', 'session', Size.SessionId),
    sequence: integerField(r, 'sequence', 'session'),
    ciphertext: bytesField(r, 'ciphertext', 'session', undefined, 8192),
    tag: bytesField(r, 'tag', 'session', Size.GcmTag),
  };
}
/** Wire form of a response record: `{"sequence", "ciphertext", "tag"}` (the session id is the request's). */
export function encodeResponseRecord(record: SessionRecord) {
  return {sequence: record.sequence, ciphertext: toBase64Url(record.ciphertext), tag: toBase64Url(record.tag)};
}
/** Parses a response record for the session it answers. */
export function parseResponseRecord(body: unknown, sessionId: Buffer): SessionRecord {
  const r = exactObject(body, ['sequence', 'ciphertext', 'tag'], 'session', 'session response');
  return {
    sessionId,
    sequence: integerField(r, 'sequence', 'session'),
    ciphertext: bytesField(r, 'ciphertext', 'session', undefined, 8192),
    tag: bytesField(r, 'tag', 'session', Size.GcmTag),
  };
}
