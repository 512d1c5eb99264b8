import {systemRng, type Rng} from '../crypto/random.js';
import {HandshakeError, HandshakeErrorCode} from '../protocol/errors.js';
import {classicRefusal, plainAnswerMessage} from '../protocol/classic/answers.js';
import {CLASSIC_SESSION_LIFETIME_MS, sessionRolesPath} from '../protocol/classic/constants.js';
import {wireBody} from '../protocol/classic/messages.js';
import {isSessionEnvelope, openSessionEnvelope, sealSessionRequest} from '../protocol/classic/session-request.js';
import type {StoredSession} from '../store/session-record.js';
import type {SessionStore} from '../store/session-store.js';
import type {JsonTransport} from './transport.js';

/** The answer of the reference's session-roles endpoint over a verified session. */
export interface ClassicRolesAnswer {
  readonly roles: string[];
  /** The stored session after the request (its counter advanced, its sliding expiry renewed). */
  readonly session: StoredSession;
  /** The counter this request used (the session file's new `counter`). */
  readonly counter: number;
}

function rolesOf(data: unknown): string[] | undefined {
  const list = Array.isArray(data) ? data : (data as {roles?: unknown} | null)?.roles;
  return Array.isArray(list) && list.every((r) => typeof r === 'string') ? (list as string[]) : undefined;
}

/**
 * "Verify session" for the classic suite: `GET /organizations/<org>/sessions/<id>/roles` (the reference's
 * `rep_list_roles`) with the reference's authenticated request (counter = stored counter + 1, reserved under
 * the store lock first so it is never reused), and the answer's HMAC checked before it is decrypted. Any
 * refusal (404 unknown session, 403 suspended / expired / bad MAC / order) is a HandshakeError at stage
 * `session`.
 */
export async function classicSessionRoles(transport: JsonTransport, store: SessionStore, id: string, options: {rng?: Rng; clock?: () => number} = {}): Promise<ClassicRolesAnswer> {
  const clock = options.clock ?? Date.now;
  let counter = 0;
  const current = await store.update(id, (s) => {
    counter = s.nextSequence;
    return {...s, nextSequence: s.nextSequence + 1};
  });
  if (current.suite !== 'classic') throw new HandshakeError('session', HandshakeErrorCode.SessionRejected, `session ${current.id} uses the ${current.suite} suite, not classic`);
  const sessionKey = Buffer.from(current.keys.sessionKey ?? '', 'base64url');
  const sessionId = Number(current.keys.sessionId);
  const body = sealSessionRequest(sessionKey, {sessionId, counter, nonce: current.keys.nonce ?? ''}, {}, options.rng ?? systemRng);
  const response = await transport.request('GET', sessionRolesPath(current.organization, sessionId), wireBody(body));
  if (!isSessionEnvelope(response.body)) throw classicRefusal('session', response.status, plainAnswerMessage(response.body));
  const plaintext = openSessionEnvelope(sessionKey, {...response.body.data, signature: response.body.signature});
  if (plaintext === undefined) {
    throw new HandshakeError('session', HandshakeErrorCode.SessionRejected, "the repository's answer does not carry this session's MAC");
  }
  if (response.status !== 200) throw classicRefusal('session', response.status, typeof plaintext.error === 'string' ? plaintext.error : 'no error message');
  const roles = rolesOf(plaintext.data);
  if (roles === undefined) throw new HandshakeError('session', HandshakeErrorCode.MalformedMessage, 'the session-roles answer has no list of roles');
  const session = await store.update(current.id, (s) => ({...s, expiresAt: new Date(clock() + CLASSIC_SESSION_LIFETIME_MS).toISOString()}));
  return {roles, session, counter};
}
