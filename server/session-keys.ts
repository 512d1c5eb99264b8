import {fromBase64Url, toBase64Url, utf8} from '../src/crypto/bytes.js';
import type {EstablishedSession} from '../src/protocol/v2/responder.js';
import type {ServerContext, SessionRow} from './context.js';

/** Per-direction session keys as the server uses them for session requests (property 7). */
export interface ServerSessionKeys {
  readonly clientToServer: Buffer;
  readonly serverToClient: Buffer;
}

/** The row of a session confirmed at A3: its keys wrapped under the master key with the session id as AAD. */
function sessionRow(context: ServerContext, session: EstablishedSession): SessionRow {
  const keys = JSON.stringify({c2s: toBase64Url(session.keys.clientToServer), s2c: toBase64Url(session.keys.serverToClient)});
  return {
    id: session.id,
    suite: 'v2',
    organization: session.organization,
    username: session.username,
    wrappedKeys: context.keyWrapper.wrap(utf8(keys), utf8(session.id)),
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    lastSequence: 0,
  };
}

/** Stores a session confirmed at A3, its keys wrapped under the master key with the session id as AAD. */
export function commitSession(context: ServerContext, session: EstablishedSession): void {
  context.db.insertSession(sessionRow(context, session));
}

/** Most sessions stored in one transaction; a fuller batch is written at once. */
export const MAX_COMMIT_BATCH = 128;

/**
 * Group commit of sessions confirmed at A3: `commit(session)` wraps the keys at once and resolves when the row
 * is stored (rejects with its error, and then it is not stored). The rows of every A3 answered in one turn of
 * the event loop are written in one SQLite transaction right after it (setImmediate), so concurrent
 * handshakes share one WAL commit instead of paying one each; the A3 answer still leaves only once its
 * session is stored.
 */
export function createSessionCommitter(context: ServerContext): (session: EstablishedSession) => Promise<void> {
  let queue: {row: SessionRow; resolve: () => void; reject: (error: unknown) => void}[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: (Error | undefined)[];
    try {
      outcomes = context.db.insertSessions(batch.map((entry) => entry.row));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => (outcomes[i] === undefined ? entry.resolve() : entry.reject(outcomes[i])));
  };
  return (session) => {
    const row = sessionRow(context, session);
    return new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({row, resolve, reject});
      if (queue.length >= MAX_COMMIT_BATCH) flush();
    });
  };
}

/** Unwraps a stored session's keys (throws if the row was tampered with). */
export function unwrapSessionKeys(context: ServerContext, row: SessionRow): ServerSessionKeys {
  const keys = JSON.parse(context.keyWrapper.unwrap(row.wrappedKeys, utf8(row.id)).toString('utf8')) as {c2s: string; s2c: string};
  return {clientToServer: fromBase64Url(keys.c2s, 32), serverToClient: fromBase64Url(keys.s2c, 32)};
}
