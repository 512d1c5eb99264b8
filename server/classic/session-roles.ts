import {HandshakeError, HandshakeErrorCode} from '../../src/protocol/errors.js';
import {ClassicMessage} from '../../src/protocol/classic/constants.js';
import {pyJsonDumps} from '../../src/protocol/classic/py-json.js';
import type {PyValue} from '../../src/protocol/classic/py-repr.js';
import {openSessionEnvelope, parseSessionRequestBody, sealSessionResponse} from '../../src/protocol/classic/session-request.js';
import type {ClassicEnv, ClassicReply} from './exchange.js';
import {classicKeyBinding} from './directory.js';

/**
 * `GET /organizations/<org>/sessions/<id>/roles` over a classic session (the reference's `rep_list_roles`,
 * README §4), checks in the reference's order: unknown session id (from the body, as the reference reads it)
 * → 404 plain JSON; subject suspended → 403; expired → 403; HMAC → 403 `Invalid session key`; counter and
 * nonce present → 403; counter above the stored one and the session's nonce → 403 `Invalid message order`;
 * organization in the path is the session's → 403. Then the counter advances atomically and the answer is
 * `{"data": {"roles": []}}` in a MAC'd envelope (Flask `jsonify` layout, `application/json`).
 * Deviation (weakness 9): the idle timer is refreshed only by an accepted request, not before the HMAC check.
 */
export function answerSessionRoles(env: ClassicEnv, organization: string, body: unknown): ClassicReply & {contentType?: string} {
  const {context, settings} = env;
  const request = parseSessionRequestBody(body);
  const {sessionId} = request;
  // An array or object id would be turned into text for the message: refused as malformed instead (a deeply
  // nested array overflows the stack in String(), an object with a non-callable toString throws).
  if (typeof sessionId === 'object' && sessionId !== null) {
    throw new HandshakeError('session', HandshakeErrorCode.MalformedMessage, 'session_id must be a number', 400);
  }
  const row = typeof sessionId === 'number' ? context.db.classic.get(sessionId) : undefined;
  if (!row) return {status: 404, text: pyJsonDumps(ClassicMessage.sessionNotFound(String(sessionId ?? 'None')))};
  const key = context.keyWrapper.unwrap(row.wrappedKey, classicKeyBinding(row));
  const answer = (status: number, plaintext: PyValue) => ({status, text: sealSessionResponse(key, plaintext, context.rng), contentType: 'application/json'});
  const refuse = (message: string) => answer(403, {error: message});
  if (context.db.findSubject(row.organization, row.username)?.status !== 'active') return refuse(ClassicMessage.subjectSuspended(row.username));
  const now = context.clock();
  if (now - row.lastInteraction > settings.sessionLifetimeMs) return refuse(ClassicMessage.sessionExpired(row.id));
  let plaintext;
  try {
    plaintext = openSessionEnvelope(key, request);
  } catch {
    plaintext = undefined;
  }
  if (plaintext === undefined) return refuse(ClassicMessage.invalidSessionKey);
  const {counter, nonce} = plaintext;
  if (counter === undefined || counter === null || nonce === undefined || nonce === null) return refuse(ClassicMessage.noCounter);
  if (typeof counter !== 'number' || counter <= row.counter || nonce !== row.nonce) return refuse(ClassicMessage.invalidOrder);
  if (organization !== row.organization) return refuse(ClassicMessage.cannotAccess(organization));
  if (!context.db.classic.accept(row.id, counter, now)) return refuse(ClassicMessage.invalidOrder);
  return answer(200, {data: {roles: []}});
}
