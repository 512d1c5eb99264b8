import {EventEmitter} from 'node:events';
import type {RepPaths} from '../src/paths.js';
import {systemRng, type Rng} from '../src/crypto/random.js';
import type {HandshakeEvent} from '../src/protocol/events.js';
import type {ServedSuite, ServerContext} from './context.js';
import {openRepositoryDb} from './db/repository-db.js';
import {createKeyWrapper} from './keys/key-wrapper.js';
import {loadGivenClassicIdentity, loadOrCreateClassicIdentity} from './keys/classic-identity.js';
import {loadOrCreateMasterKey} from './keys/master-key.js';
import {loadOrCreateRepositoryIdentity} from './keys/repository-identity.js';
import {ensurePrivateDir} from './keys/secure-files.js';
import {seedDemo} from './seed.js';
import {CLASSIC_SESSION_LIFETIME_MS} from '../src/protocol/classic/constants.js';

/** Options of {@link createServerContext}. */
export interface ServerContextOptions {
  readonly paths: RepPaths;
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly clock?: () => number;
  /** Randomness for the handshake (default the OS CSPRNG). Key wrapping always uses the OS CSPRNG. */
  readonly rng?: Rng;
  /** Seed the demo organization when the database is empty (default true). */
  readonly seed?: boolean;
  /** Suites to serve (default both). */
  readonly suites?: readonly ServedSuite[];
  /** The classic repository key to use instead of REP_HOME's own (`--repo-key`, `--repo-key-password`). */
  readonly classicKey?: {readonly file: string; readonly password?: string};
  /** Sliding lifetime of classic sessions (default the reference's 600 s). */
  readonly classicSessionLifetimeMs?: number;
  /** The classic `--retrying` variant: a channel survives a failed decryption (default false; attack lab T2). */
  readonly classicRetrying?: boolean;
}

/** A server context built from files on disk, with where they are and whether the demo was seeded. */
export interface BundledServerContext extends ServerContext {
  readonly paths: RepPaths;
  readonly suites: readonly ServedSuite[];
  /** True when this call created the demo organization (and its credentials files). */
  readonly seeded: boolean;
}

/**
 * Builds the bundled server's context: creates the server folder (0700), loads or creates the master key
 * and the repository key pair (and the classic suite's P-521 key when it serves classic), opens the database at `paths.database`, seeds the demo when asked, drops
 * expired sessions, and creates the server's event emitter. Throws SetupError on unusable key files.
 */
export function createServerContext(options: ServerContextOptions): BundledServerContext {
  const {paths} = options;
  const clock = options.clock ?? Date.now;
  ensurePrivateDir(paths.serverDir);
  const masterKey = loadOrCreateMasterKey(paths.masterKey);
  const repository = loadOrCreateRepositoryIdentity(paths, masterKey);
  const keyWrapper = createKeyWrapper(masterKey);
  const suites = options.suites ?? ['v2', 'classic'];
  const classic = suites.includes('classic') ? {
    repository: options.classicKey ? loadGivenClassicIdentity(options.classicKey.file, options.classicKey.password) : loadOrCreateClassicIdentity(paths, masterKey),
    sessionLifetimeMs: options.classicSessionLifetimeMs ?? CLASSIC_SESSION_LIFETIME_MS,
    ...(options.classicRetrying ? {retrying: true} : {}),
  } : undefined;
  const db = openRepositoryDb(paths.database, {clock});
  try {
    const seeded = options.seed === false || !suites.includes('v2') ? false : seedDemo(db, paths);
    db.deleteExpiredSessions(clock());
    const events = new EventEmitter<{event: [HandshakeEvent]}>();
    return {db, repository, keyWrapper, clock, rng: options.rng ?? systemRng, events, paths, seeded, suites, classic};
  } catch (error) {
    db.close();
    throw error;
  }
}
