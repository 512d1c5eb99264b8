/** HTTP paths of the classic suite: the reference repository's own routes (sio2425 README §1–§4). */
export const ClassicPath = {
  /** Both phases of session creation (dispatched on a top-level `public_key`). */
  Sessions: '/sessions',
  /** POST: create an organization; GET: list them (both two-phase anonymous exchanges). */
  Organizations: '/organizations',
} as const;

/** The reference's session-roles endpoint (`GET`, authenticated), used by `rep-sessions verify`. */
export function sessionRolesPath(organization: string, sessionId: number): string {
  return `/organizations/${encodeURIComponent(organization)}/sessions/${sessionId}/roles`;
}

/** Sizes in bytes (README §0). */
export const ClassicSize = {
  /** HKDF-SHA256 output: the session key; `[:32]` AES key, `[32:]` HMAC key. */
  Okm: 64,
  /** The anonymous-channel AES key: HKDF output `[:32]`. */
  AnonymousKey: 32,
  Iv: 16,
  /** `secrets.token_hex(16)`: 32 hex characters. */
  NonceBytes: 16,
} as const;

/** The reference's default `SESSION_LIFETIME` (`.env:40`): 600 s since the last interaction. */
export const CLASSIC_SESSION_LIFETIME_MS = 600_000;
/** How long the server keeps an anonymous-channel key waiting for phase 2 (the reference: forever). */
export const CLASSIC_PENDING_TTL_MS = 60_000;
/** At most this many anonymous-channel keys wait at once (the reference: unbounded, weakness 6). */
export const CLASSIC_PENDING_CAPACITY = 10_000;

/** The reference's messages (README §4), byte for byte. */
export const ClassicMessage = {
  sessionExists: (username: string, organization: string) => `Session for user '${username}' in organization '${organization}' already exists.`,
  notAssociated: (username: string, organization: string) => `Subject '${username}' is not associated with the organization '${organization}'.`,
  suspended: (username: string) => `User '${username}' is suspended.`,
  invalidSignature: 'Invalid signature!',
  organizationCreated: (organization: string) => `Organization '${organization}' created successfully.`,
  subjectExists: (username: string, email: string) => `Subject with username '${username}' or email '${email}' already exists.`,
  sessionNotFound: (id: string) => `Session with id ${id} not found`,
  subjectSuspended: (username: string) => `Subject ${username} is suspended`,
  sessionExpired: (id: number) => `Session with id ${id} expired`,
  invalidSessionKey: 'Invalid session key',
  noCounter: 'No counter or nonce provided!',
  invalidOrder: 'Invalid message order',
  cannotAccess: (organization: string) => `Cannot access organization ${organization}`,
} as const;
