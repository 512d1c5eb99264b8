import type {FastifyInstance} from 'fastify';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {HandshakeError, HandshakeErrorCode} from '../../src/protocol/errors.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {encodeResponseRecord, openRecord, parseRequestRecord, sealRecord} from '../../src/protocol/v2/session-request.js';
import type {ServerContext} from '../context.js';
import {unwrapSessionKeys} from '../session-keys.js';
import {sessionRecordSchema} from './handshake-schemas.js';

const rejected = () => new HandshakeError('session', HandshakeErrorCode.SessionRejected, 'the session request was refused', 401);

/**
 * Session requests over an established v2 session (property 7). `POST /v2/whoami` answers the session's
 * organization, username and expiry. Order: find the session, check the sequence is above the last one, open
 * the record (nothing changes on failure), then — authenticated — check expiry and the subject's status, and
 * advance the sequence atomically (a concurrent replay loses the race and is refused).
 */
export async function registerSessionRequestRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.post(V2Path.Whoami, {schema: {body: sessionRecordSchema}}, async (request) => {
    const record = parseRequestRecord(request.body);
    const id = toBase64Url(record.sessionId);
    const row = context.db.getSession(id);
    if (!row || row.suite !== 'v2' || record.sequence <= row.lastSequence) throw rejected();
    const route = {method: 'POST', path: V2Path.Whoami};
    const keys = unwrapSessionKeys(context, row);
    openRecord('request', keys.clientToServer, record, route);
    // Authenticated from here on: only the session holder learns that it expired or was suspended.
    if (row.expiresAt <= context.clock()) {
      throw new HandshakeError('session', HandshakeErrorCode.SessionExpired, 'the session has expired: create a new one', 401);
    }
    if (context.db.findSubject(row.organization, row.username)?.status !== 'active') {
      throw new HandshakeError('session', HandshakeErrorCode.SubjectSuspended, `subject ${row.username} is suspended in organization ${row.organization}`, 403);
    }
    if (!context.db.advanceSessionSequence(id, record.sequence)) throw rejected();
    const answer = {
      session_id: id, suite: row.suite, organization: row.organization, username: row.username,
      created_at: row.createdAt, expires_at: row.expiresAt,
    };
    return encodeResponseRecord(sealRecord('response', keys.serverToClient, record.sessionId, record.sequence, route, answer));
  });
}
