/**
 * The record a client keeps for each session it established with a repository (the outcome of a
 * completed A0–A3 handshake), as stored by the session store.
 */
export interface StoredSession {
  /** Server-issued session id (base64url text). */
  readonly id: string;
  /** The handshake suite that created the session. */
  readonly suite: 'v2' | 'classic';
  /** Organization the session belongs to. */
  readonly organization: string;
  /** Subject (user) that authenticated in A1. */
  readonly username: string;
  /** Base URL of the repository that issued the session. */
  readonly serverUrl: string;
  /** Hex SHA-256 of the repository key's SPKI (the key verified in A3). */
  readonly repositoryKeyFingerprint: string;
  /** When the session was created, ISO 8601. */
  readonly createdAt: string;
  /** When the session expires, ISO 8601. */
  readonly expiresAt: string;
  /** Key material, base64url (v2: `clientToServer`, `serverToClient`). */
  readonly keys: Readonly<Record<string, string>>;
  /** Next request sequence number (v2 requests); starts at 1. */
  readonly nextSequence: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Explains why `value` is not a valid {@link StoredSession}: the first problem found, as a short phrase
 * ("expiresAt is not an ISO 8601 date"), or `undefined` when the value is valid.
 */
export function storedSessionProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the entry is not an object';
  if (typeof value.id !== 'string' || !BASE64URL.test(value.id)) return 'id is not base64url text';
  if (value.suite !== 'v2' && value.suite !== 'classic') return 'suite is neither "v2" nor "classic"';
  if (!isNonEmptyString(value.organization)) return 'organization is missing';
  if (!isNonEmptyString(value.username)) return 'username is missing';
  if (!isNonEmptyString(value.serverUrl) || !URL.canParse(value.serverUrl)) return 'serverUrl is not a URL';
  if (typeof value.repositoryKeyFingerprint !== 'string' || !HEX_SHA256.test(value.repositoryKeyFingerprint)) {
    return 'repositoryKeyFingerprint is not a hex SHA-256';
  }
  if (!isIsoDate(value.createdAt)) return 'createdAt is not an ISO 8601 date';
  if (!isIsoDate(value.expiresAt)) return 'expiresAt is not an ISO 8601 date';
  if (!isRecord(value.keys)) return 'keys is not an object';
  for (const [name, key] of Object.entries(value.keys)) {
    if (typeof key !== 'string' || !BASE64URL.test(key)) return `key "${name}" is not base64url text`;
  }
  const sequence = value.nextSequence;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) {
    return 'nextSequence is not a positive integer';
  }
  return undefined;
}

/**
 * Validates a value read from disk. Returns a copy holding exactly the {@link StoredSession} fields, or
 * `undefined` when the value is not a valid session (so a corrupted entry is skipped, never crashes a
 * listing; {@link storedSessionProblem} says why).
 */
export function parseStoredSession(value: unknown): StoredSession | undefined {
  if (storedSessionProblem(value) !== undefined) return undefined;
  const v = value as StoredSession;
  return {
    id: v.id,
    suite: v.suite,
    organization: v.organization,
    username: v.username,
    serverUrl: v.serverUrl,
    repositoryKeyFingerprint: v.repositoryKeyFingerprint.toLowerCase(),
    createdAt: v.createdAt,
    expiresAt: v.expiresAt,
    keys: {...v.keys},
    nextSequence: v.nextSequence,
  };
}
