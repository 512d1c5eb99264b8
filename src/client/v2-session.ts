import {fromBase64Url, toBase64Url} from '../crypto/bytes.js';
import {HandshakeError, HandshakeErrorCode} from '../protocol/errors.js';
import {V2Path} from '../protocol/v2/constants.js';
import {errorFromAnswer} from '../protocol/v2/answer-errors.js';
import type {HandshakeOutcome} from '../protocol/v2/client-runner.js';
import {encodeRequestRecord, openRecord, parseResponseRecord, sealRecord} from '../protocol/v2/session-request.js';
import type {StoredSession} from '../store/session-record.js';
import type {SessionStore} from '../store/session-store.js';
import type {JsonTransport} from './transport.js';

/** The answer of `whoami` over a session. */
export interface WhoamiAnswer {
  readonly session_id: string;
  readonly suite: string;
  readonly organization: string;
  readonly username: string;
  readonly created_at: number;
  readonly expires_at: number;
}

/** The stored form of a v2 session the server confirmed (A3.7 store). */
export function toStoredSession(outcome: HandshakeOutcome, serverUrl: string, fingerprint: string, createdAt: number): StoredSession {
  return {
    id: toBase64Url(outcome.sessionId),
    suite: 'v2',
    organization: outcome.organization,
    username: outcome.username,
    serverUrl,
    repositoryKeyFingerprint: fingerprint,
    createdAt: new Date(createdAt).toISOString(),
    expiresAt: new Date(outcome.expiresAt).toISOString(),
    keys: {clientToServer: toBase64Url(outcome.keys.clientToServer), serverToClient: toBase64Url(outcome.keys.serverToClient)},
    nextSequence: 1,
  };
}

/**
 * `whoami` over a stored v2 session (property 7): reserves the next sequence number in the store (under its
 * lock, so two processes never reuse one), seals `{}` under the request key with the method and path in the
 * associated data, and opens the answer under the response key for the same sequence number.
 */
export async function whoami(transport: JsonTransport, store: SessionStore, sessionId: string): Promise<WhoamiAnswer> {
  let sequence = 0;
  const session = await store.update(sessionId, (current) => {
    sequence = current.nextSequence;
    return {...current, nextSequence: current.nextSequence + 1};
  });
  if (session.suite !== 'v2') {
    throw new HandshakeError('session', HandshakeErrorCode.SessionRejected, `session ${session.id} uses the ${session.suite} suite, not v2`);
  }
  const id = fromBase64Url(session.id);
  const route = {method: 'POST', path: V2Path.Whoami};
  const record = sealRecord('request', fromBase64Url(session.keys.clientToServer, 32), id, sequence, route, {});
  const response = await transport.request('POST', V2Path.Whoami, encodeRequestRecord(record));
  if (response.status !== 200) throw errorFromAnswer('session', response);
  const answer = parseResponseRecord(response.body, id);
  if (answer.sequence !== sequence) {
    throw new HandshakeError('session', HandshakeErrorCode.SessionRejected, 'the answer does not match the request sequence number');
  }
  return openRecord('response', fromBase64Url(session.keys.serverToClient, 32), answer, route) as WhoamiAnswer;
}
