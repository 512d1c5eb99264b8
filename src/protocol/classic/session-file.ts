import {toBase64Url} from '../../crypto/bytes.js';
import type {StoredSession} from '../../store/session-record.js';
import {CLASSIC_SESSION_LIFETIME_MS, ClassicSize} from './constants.js';
import {pyJsonDumps} from './py-json.js';

/** The reference's session file (README §1 "Session file"), field for field in its order. */
export interface ClassicSessionFile {
  /** Standard base64 of the 64-byte session key. */
  readonly session_key: string;
  readonly session_id: number;
  readonly username: string;
  readonly organization: string;
  readonly roles: readonly string[];
  /** 32 hex characters. */
  readonly nonce: string;
  /** The counter of the last request sent (0 after creation); the next request uses counter + 1. */
  readonly counter: number;
}

/** A session file that is not in the reference's format. */
export class ClassicSessionFileError extends Error {
  readonly code = 'invalid_session_file';
  constructor(message: string) {
    super(message);
    this.name = 'ClassicSessionFileError';
  }
}

/** The session file's text: one line, `json.dumps` defaults, no trailing newline (byte for byte the reference's). */
export function encodeSessionFile(file: ClassicSessionFile): string {
  const {session_key, session_id, username, organization, roles, nonce, counter} = file;
  return pyJsonDumps({session_key, session_id, username, organization, roles: [...roles], nonce, counter});
}

/** Parses and checks a reference session file (64-byte key, integer id and counter, 32-hex nonce). */
export function parseSessionFile(text: string): ClassicSessionFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ClassicSessionFileError('the session file is not JSON');
  }
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problem = (field: string) => new ClassicSessionFileError(`the session file's "${field}" is missing or not in the reference's format`);
  if (typeof v.session_key !== 'string' || Buffer.from(v.session_key, 'base64').length !== ClassicSize.Okm) throw problem('session_key');
  for (const field of ['session_id', 'counter']) {
    if (typeof v[field] !== 'number' || !Number.isSafeInteger(v[field]) || (v[field] as number) < 0) throw problem(field);
  }
  if (typeof v.username !== 'string' || v.username === '') throw problem('username');
  if (typeof v.organization !== 'string' || v.organization === '') throw problem('organization');
  if (!Array.isArray(v.roles) || !v.roles.every((r) => typeof r === 'string')) throw problem('roles');
  if (typeof v.nonce !== 'string' || !/^[0-9a-f]{32}$/.test(v.nonce)) throw problem('nonce');
  return v as unknown as ClassicSessionFile;
}

/** The id of a classic session in our store: `c<session_id>-<first 8 nonce hex>` (ids repeat across servers). */
export function classicStoreId(sessionId: number, nonce: string): string {
  return `c${sessionId}-${nonce.slice(0, 8)}`;
}

/**
 * The stored form of a classic session: keys `sessionKey` (base64url, 64 bytes), `nonce` (hex) and
 * `sessionId` (decimal); `nextSequence` = the file's counter + 1. The expiry is the reference's sliding
 * lifetime from now (informational: the repository decides).
 */
export function storedFromSessionFile(file: ClassicSessionFile, target: {url: string; fingerprint: string}, now: number): StoredSession {
  return {
    id: classicStoreId(file.session_id, file.nonce),
    suite: 'classic',
    organization: file.organization,
    username: file.username,
    serverUrl: target.url,
    repositoryKeyFingerprint: target.fingerprint,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + CLASSIC_SESSION_LIFETIME_MS).toISOString(),
    keys: {sessionKey: toBase64Url(Buffer.from(file.session_key, 'base64')), nonce: file.nonce, sessionId: String(file.session_id)},
    nextSequence: file.counter + 1,
  };
}

/** The reference session file of a stored classic session (roles as given: our store does not keep them). */
export function sessionFileFromStored(session: StoredSession, roles: readonly string[] = []): ClassicSessionFile {
  const key = Buffer.from(session.keys.sessionKey ?? '', 'base64url');
  if (session.suite !== 'classic' || key.length !== ClassicSize.Okm) throw new ClassicSessionFileError(`session ${session.id} is not a classic session`);
  return {
    session_key: key.toString('base64'), session_id: Number(session.keys.sessionId), username: session.username,
    organization: session.organization, roles, nonce: session.keys.nonce ?? '', counter: session.nextSequence - 1,
  };
}
