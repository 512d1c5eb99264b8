import type {StageId} from '../errors.js';
import {integerField, objectField, stringField, stringListField, type JsonObject} from './fields.js';
import {pyJsonDumps} from './py-json.js';
import type {PyValue} from './py-repr.js';

/** Message 1 (README §1; also phase 1 of `/organizations`): `{"public_key": b64(PEM E_c)}`. */
export interface KeyExchangeRequest {
  readonly publicKey: string;
}
/** Message 2: the server's ephemeral key and the repository's signature over `str(data)`. */
export interface KeyExchangeAnswer {
  /** `data` as received (its key order is signed). */
  readonly data: JsonObject;
  readonly publicKey: string;
  readonly signature: string;
}
/** Message 3 (and phase 2 of `/organizations`): an AES-CBC envelope tagged with the client's ephemeral key. */
export interface AnonymousRequest {
  /** Exactly the base64 string of message 1: the server's lookup key. */
  readonly clientKey: string;
  readonly message: string;
  readonly iv: string;
}
/** Message 4 (and the `/organizations` answers): `{"data": b64(ciphertext), "iv"}`. */
export interface AnonymousAnswer {
  readonly message: string;
  readonly iv: string;
}
/** The plaintext of message 3: the subject-signed session request. */
export interface SessionRequestPlaintext {
  readonly data: JsonObject;
  readonly publicKey: string;
  readonly organization: string;
  readonly username: string;
  readonly signature: string;
}
/** The signed `data` of message 4's plaintext on success. */
export interface SessionAnswerData {
  readonly sessionId: number;
  readonly username: string;
  readonly organization: string;
  readonly roles: readonly string[];
  readonly publicKey: string;
  readonly nonce: string;
}

/** The exact bytes the reference's client or server puts on the wire for a JSON value (`json.dumps`). */
export function wireBody(value: PyValue): Buffer {
  return Buffer.from(pyJsonDumps(value), 'utf8');
}

/** Message 1's body (A0.1; README §1). */
export const encodeKeyExchangeRequest = (m: KeyExchangeRequest) => ({public_key: m.publicKey});
/** Message 2's body (A0.3; README §1). */
export const encodeKeyExchangeAnswer = (m: {publicKey: string; signature: string}) => ({data: {public_key: m.publicKey}, signature: m.signature});
/** Message 3's body (A1.2; README §1). */
export const encodeAnonymousRequest = (m: AnonymousRequest) => ({client_ephemeral_public_key: m.clientKey, message: m.message, iv: m.iv});
/** Message 4's body (A2.5; README §1). */
export const encodeAnonymousAnswer = (m: AnonymousAnswer) => ({data: m.message, iv: m.iv});

/** Message 1 as the server reads it. */
export function parseKeyExchangeRequest(body: unknown, stage: StageId = 'A0'): KeyExchangeRequest {
  return {publicKey: stringField(objectField(body, stage, 'the key-exchange request'), 'public_key', stage, 'the key-exchange request')};
}

/** Message 2 as the client reads it. */
export function parseKeyExchangeAnswer(body: unknown): KeyExchangeAnswer {
  const what = 'the key-exchange answer';
  const object = objectField(body, 'A0', what);
  const data = objectField(object.data, 'A0', `${what} data`);
  return {data, publicKey: stringField(data, 'public_key', 'A0', what), signature: stringField(object, 'signature', 'A0', what)};
}

/** Message 3 as the server reads it. */
export function parseAnonymousRequest(body: unknown, stage: StageId = 'A2'): AnonymousRequest {
  const what = 'the encrypted request';
  const object = objectField(body, stage, what);
  return {
    clientKey: stringField(object, 'client_ephemeral_public_key', stage, what),
    message: stringField(object, 'message', stage, what),
    iv: stringField(object, 'iv', stage, what),
  };
}

/** Message 4 as the client reads it. */
export function parseAnonymousAnswer(body: unknown, stage: StageId = 'A3'): AnonymousAnswer {
  const what = 'the encrypted answer';
  const object = objectField(body, stage, what);
  return {message: stringField(object, 'data', stage, what), iv: stringField(object, 'iv', stage, what)};
}

/** The plaintext of message 3 as the server reads it (A2.1). */
export function parseSessionRequestPlaintext(value: unknown): SessionRequestPlaintext {
  const what = 'the session request';
  const object = objectField(value, 'A2', what);
  const data = objectField(object.data, 'A2', `${what} data`);
  return {
    data,
    publicKey: stringField(data, 'public_key', 'A2', what),
    organization: stringField(data, 'organization', 'A2', what),
    username: stringField(data, 'username', 'A2', what),
    signature: stringField(object, 'signature', 'A2', what),
  };
}

/** The signed data of message 4 (A3.1), or `malformed_message`. */
export function parseSessionAnswerData(data: JsonObject): SessionAnswerData {
  const what = 'the session answer';
  return {
    sessionId: integerField(data, 'session_id', 'A3', what),
    username: stringField(data, 'username', 'A3', what),
    organization: stringField(data, 'organization', 'A3', what),
    roles: stringListField(data, 'roles', 'A3', what),
    publicKey: stringField(data, 'public_key', 'A3', what),
    nonce: stringField(data, 'nonce', 'A3', what),
  };
}
