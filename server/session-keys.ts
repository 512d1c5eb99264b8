import {fromBase64Url, toBase64Url, utf8} from '../src/crypto/bytes.js';
import type {EstablishedSession} from '../src/protocol/v2/responder.js';
import type {ServerContext, SessionRow} from './context.js';

/** Per-direction session keys as the server uses them for session requests (property 7). */
export interface ServerSessionKeys {
  readonly clientToServer: Buffer;
  readonly serverToClient: Buffer;
}

/** Stores a session confirmed at A3, its keys wrapped under the master key with the session id as AAD. */
export function commitSession(context: ServerContext, session: EstablishedSession): void {
  const keys = JSON.stringify({c2s: toBase64Url(session.keys.clientToServer), s2c: toBase64Url(session.keys.serverToClient)});
  context.db.insertSession({
    id: session.id,
    suite: 'v2',
    organization: session.organization,
    username: session.username,
    wrappedKeys: context.keyWrapper.wrap(utf8(keys), utf8(session.id)),
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    lastSequence: 0,
  });
}

/** Unwraps a stored session's keys (throws if the row was tampered with). */
export function unwrapSessionKeys(context: ServerContext, row: SessionRow): ServerSessionKeys {
  const keys = JSON.parse(context.keyWrapper.unwrap(row.wrappedKeys, utf8(row.id)).toString('utf8')) as {c2s: string; s2c: string};
  return {clientToServer: fromBase64Url(keys.c2s, 32), serverToClient: fromBase64Url(keys.s2c, 32)};
}
