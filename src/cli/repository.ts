import {createPublicKey, type KeyObject} from 'node:crypto';
import type {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import {createHttpTransport, type JsonTransport} from '../client/transport.js';
import {sha256} from '../crypto/hash.js';
import {exportSpki, fingerprint, importP256PublicKey} from '../crypto/p256.js';
import {importP521PublicKey, p521Fingerprint} from '../crypto/p521.js';
import type {SuiteName} from './args.js';
import type {HandshakeEvent} from '../protocol/events.js';
import {CliError, ExitCode} from './errors.js';

/** The repository a command talks to, with the key it pins (property 1). */
export interface RepositoryTarget {
  readonly url: string;
  readonly transport: JsonTransport;
  /** The pinned repository public key: REP_PUB_KEY, or the bundled server's key read from REP_HOME. */
  readonly pinnedKey: KeyObject;
  /** Hex SHA-256 of the pinned key's DER SPKI. */
  readonly fingerprint: string;
  /** Raw fingerprint bytes: the v2 audience. */
  readonly audience: Buffer;
  /** The suite the pinned key belongs to (its curve: v2 P-256, classic P-521). */
  readonly suite: SuiteName;
  /** True when the command started the bundled server in its own process. */
  readonly bundled: boolean;
  /** The in-process server's own events (bundled only). */
  readonly serverEvents?: EventEmitter<{event: [HandshakeEvent]}>;
  close(): Promise<void>;
}

/** Which suite the command speaks: it decides the pinned key's curve (v2 P-256, classic P-521). */
export interface OpenRepositoryOptions {
  readonly suite?: SuiteName;
}

/** Opens the repository named by the environment (REP_ADDRESS / REP_PUB_KEY, or the bundled one). */
export type OpenRepository = (env: NodeJS.ProcessEnv, options?: OpenRepositoryOptions) => Promise<RepositoryTarget>;

/** Normalises REP_ADDRESS: `host:port` or a full http(s) URL. */
export function repositoryUrl(address: string): string {
  const trimmed = address.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
}

function readKeyFile(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CliError(ExitCode.LocalInput, 'pinned_key_unreadable', `cannot read the repository public key ${file} (${variable}): check the path.`);
  }
}

/**
 * Reads a pinned repository public key (SPKI PEM) from a file, with a clear error naming the file: P-256 for
 * v2, P-521 for classic (e.g. the reference's `client/keys/rep_pub_key.pem`).
 */
export function readPinnedKey(file: string, variable: string, suite: SuiteName = 'v2'): KeyObject {
  const pem = readKeyFile(file, variable);
  try {
    return suite === 'classic' ? importP521PublicKey(pem) : importP256PublicKey(pem);
  } catch (error) {
    const curve = suite === 'classic' ? 'P-521' : 'P-256';
    const found = curveOf(pem);
    const hint = found === 'P-521' && suite !== 'classic' ? ' It is a P-521 key, a classic repository\'s: add --suite classic.'
      : found === 'P-256' && suite !== 'v2' ? ' It is a P-256 key, a v2 repository\'s: use --suite v2.' : '';
    throw new CliError(ExitCode.LocalInput, 'pinned_key_invalid', `${file} (${variable}) is not a ${curve} public key in PEM: ${(error as Error).message}.${hint}`);
  }
}

/** The curve of a PEM public key as the suites name them (`P-256`, `P-521`, else OpenSSL's name), if it is an EC key at all. */
function curveOf(pem: string): string | undefined {
  try {
    const curve = createPublicKey(pem).asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' ? 'P-256' : curve === 'secp521r1' ? 'P-521' : curve;
  } catch {
    return undefined;
  }
}

/**
 * Reads a pinned repository public key of either suite, told apart by its curve: P-256 pins the v2 suite,
 * P-521 the classic one (the reference's `rep_pub_key.pem`). The app uses it for REP_PUB_KEY, since it offers
 * whichever suite the pinned key allows.
 */
export function readPinnedKeyOfEitherSuite(file: string, variable: string): {readonly key: KeyObject; readonly suite: SuiteName} {
  const pem = readKeyFile(file, variable);
  try {
    return {key: importP256PublicKey(pem), suite: 'v2'};
  } catch {
    try {
      return {key: importP521PublicKey(pem), suite: 'classic'};
    } catch {
      const found = curveOf(pem);
      throw new CliError(ExitCode.LocalInput, 'pinned_key_invalid',
        `${file} (${variable}) is neither a P-256 (v2) nor a P-521 (classic) public key in PEM${found ? ` (its curve is ${found})` : ' (it is not an EC public key)'}.`);
    }
  }
}

function externalAddress(env: NodeJS.ProcessEnv): {url: string; keyFile: string} {
  const address = env.REP_ADDRESS ?? '';
  if (!env.REP_PUB_KEY) {
    throw new CliError(ExitCode.Usage, 'pinned_key_missing', `REP_ADDRESS is set (${address}) but REP_PUB_KEY is not: set REP_PUB_KEY to the repository's public key file.`);
  }
  return {url: repositoryUrl(address), keyFile: env.REP_PUB_KEY};
}

/** The repository at REP_ADDRESS, pinned to the key in REP_PUB_KEY (both required). */
export async function openExternalRepository(env: NodeJS.ProcessEnv, options: OpenRepositoryOptions = {}): Promise<RepositoryTarget> {
  const {url, keyFile} = externalAddress(env);
  return targetFor(url, readPinnedKey(keyFile, 'REP_PUB_KEY', options.suite), false, {}, options.suite);
}

/**
 * The repository at REP_ADDRESS for the app: pinned to REP_PUB_KEY, speaking the suite of that key's curve
 * (v2 for P-256; classic for P-521, e.g. a reference repository).
 */
export async function openExternalRepositoryOfEitherSuite(env: NodeJS.ProcessEnv): Promise<RepositoryTarget> {
  const {url, keyFile} = externalAddress(env);
  const {key, suite} = readPinnedKeyOfEitherSuite(keyFile, 'REP_PUB_KEY');
  return targetFor(url, key, false, {}, suite);
}

/**
 * Builds a target for a URL and a pinned key. For the classic suite the transport also takes the reference's
 * `text/html` JSON answers and the fingerprint is over the P-521 key's canonical SPKI.
 */
export function targetFor(url: string, pinnedKey: KeyObject, bundled: boolean, extra: Partial<RepositoryTarget> = {}, suite: SuiteName = 'v2'): RepositoryTarget {
  const transport = createHttpTransport({baseUrl: url, anyContentType: suite === 'classic'});
  return {
    url, transport, pinnedKey, bundled, suite,
    fingerprint: suite === 'classic' ? p521Fingerprint(pinnedKey) : fingerprint(pinnedKey),
    audience: sha256(exportSpki(pinnedKey)),
    ...extra,
    close: async () => {
      transport.close();
      await extra.close?.();
    },
  };
}
