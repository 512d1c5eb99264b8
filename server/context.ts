import type {EventEmitter} from 'node:events';
import type {KeyObject} from 'node:crypto';
import type {Rng} from '../src/crypto/random.js';
import type {HandshakeEvent} from '../src/protocol/events.js';
import type {ClassicSessionDb} from './db/classic-sessions.js';

/** Status of a subject inside one organization. */
export type SubjectStatus = 'active' | 'suspended';

/** An organization with its subjects, as listed to clients. */
export interface OrganizationRow {
  readonly name: string;
  readonly createdAt: number;
  readonly subjects: readonly SubjectRow[];
}

/** A subject of an organization; the public key is per (organization, subject). */
export interface SubjectRow {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly status: SubjectStatus;
  /** DER SubjectPublicKeyInfo of the subject's key in this organization. */
  readonly publicKeySpki: Buffer;
}

/** A stored session; `wrappedKeys` is key material encrypted under the master key (never plain at rest). */
export interface SessionRow {
  readonly id: string;
  readonly suite: string;
  readonly organization: string;
  readonly username: string;
  readonly wrappedKeys: Buffer;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastSequence: number;
}

/** The bundled repository's persistent state (SQLite). */
export interface RepositoryDb {
  /** Sessions of the classic suite (their own table: sequential ids, counters, sliding expiry). */
  readonly classic: ClassicSessionDb;
  listOrganizations(): OrganizationRow[];
  /** Creates an organization with its first subject; throws ServerError 409 when the name exists. */
  createOrganization(input: {
    readonly name: string;
    readonly username: string;
    readonly fullName: string;
    readonly email: string;
    readonly publicKeySpki: Buffer;
  }): void;
  findSubject(organization: string, username: string): SubjectRow | undefined;
  /** Returns false when the subject does not exist in that organization. */
  setSubjectStatus(organization: string, username: string, status: SubjectStatus): boolean;
  insertSession(row: SessionRow): void;
  /**
   * Inserts several sessions in one transaction (one commit for all of them): per row, in order, undefined
   * when it was stored or the constraint error that refused it (the others are still stored). Any other
   * failure throws, and then none of the rows is stored.
   */
  insertSessions(rows: readonly SessionRow[]): (Error | undefined)[];
  getSession(id: string): SessionRow | undefined;
  /** Atomically moves the session's last sequence number to `sequence` if it is greater; false otherwise. */
  advanceSessionSequence(id: string, sequence: number): boolean;
  deleteSession(id: string): boolean;
  /** Deletes sessions expired before `now` (ms); returns how many. */
  deleteExpiredSessions(now: number): number;
  countSessions(): number;
  close(): void;
}

/** The repository's long-term signing identity; clients pin `fingerprint`. */
export interface RepositoryIdentity {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** Hex SHA-256 of the DER SPKI. */
  readonly fingerprint: string;
}

/** Master-key wrapping of secrets at rest (AES-256-GCM under the 0600 master key file). */
export interface KeyWrapper {
  wrap(plaintext: Buffer, associatedData: Buffer): Buffer;
  unwrap(wrapped: Buffer, associatedData: Buffer): Buffer;
}

/** A protocol suite the server can serve. */
export type ServedSuite = 'v2' | 'classic';

/** The classic suite's side of the server (sio2425 README): its own P-521 repository key and session lifetime. */
export interface ClassicServerConfig {
  readonly repository: RepositoryIdentity;
  /** Sliding lifetime since the last interaction (the reference's SESSION_LIFETIME, default 600 s). */
  readonly sessionLifetimeMs: number;
  /** `rep-server --retrying`: keep a channel after a failed decryption (a padding oracle; attack lab T2). */
  readonly retrying?: boolean;
}

/** Everything the routes need; built once per server by createServerContext, injected into buildServer. */
export interface ServerContext {
  /** The suites whose routes are served (default: v2, plus classic when `classic` is set). */
  readonly suites?: readonly ServedSuite[];
  /** Present when the server speaks the classic suite. */
  readonly classic?: ClassicServerConfig;
  readonly db: RepositoryDb;
  readonly repository: RepositoryIdentity;
  readonly keyWrapper: KeyWrapper;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly rng: Rng;
  /** The server's own handshake events (`'event'` channel carrying HandshakeEvent with side 'server'). */
  readonly events: EventEmitter<{event: [HandshakeEvent]}>;
}
