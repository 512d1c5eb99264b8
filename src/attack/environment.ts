import type {KeyObject} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createHttpTransport, type JsonTransport} from '../client/transport.js';
import {nodeSigner} from '../crypto/ecdsa.js';
import {nodeDerSigner} from '../crypto/ecdsa-der.js';
import {sha256} from '../crypto/hash.js';
import {exportSpki, importP256PublicKey} from '../crypto/p256.js';
import {generateP521KeyPair, importP521PublicKey} from '../crypto/p521.js';
import {importPrivateKeyPem} from '../crypto/private-keys.js';
import {systemRng} from '../crypto/random.js';
import {repPaths, type RepPaths} from '../paths.js';
import {createClassicOrganization} from '../protocol/classic/anonymous-client.js';
import type {ClassicInitiatorConfig} from '../protocol/classic/initiator.js';
import {encodeWirePublicKey} from '../protocol/classic/keys.js';
import type {InitiatorConfig} from '../protocol/v2/initiator.js';
import {createServerContext} from '../../server/context-factory.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../server/listen.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../../server/seed.js';
import {createEphemeralLeak, type EphemeralLeak} from './leak.js';

/** A real bundled repository started for the lab in its own temporary REP_HOME. */
export interface LabRepository {
  readonly server: RunningRepositoryServer;
  readonly url: string;
  readonly paths: RepPaths;
  /** The v2 (P-256) and classic (P-521) repository keys a client pins, read from REP_HOME. */
  readonly v2Key: KeyObject;
  readonly classicKey?: KeyObject;
  /** A direct transport (no proxy) for the lab's own set-up requests. */
  readonly transport: JsonTransport;
}

/** A classic subject the lab registered: its P-521 key and the client config for it. */
export interface ClassicLabSubject {
  readonly organization: string;
  readonly username: string;
  readonly privateKey: KeyObject;
  /** base64 of its PEM SPKI (the classic wire form). */
  readonly publicKeyWire: string;
  /** Client config pinned to the repository the subject was registered on. */
  readonly config: Omit<ClassicInitiatorConfig, 'record'>;
}

/**
 * Everything the scenarios run against: the main bundled repository (both suites, with an adjustable clock
 * and the ephemeral-key leak of T6), the demo subject acme/alice for v2, classic subjects on demand, and —
 * started only when a scenario needs them — a second repository with its own keys (T8) and a classic
 * `--retrying` repository (T2).
 */
export interface LabEnvironment {
  readonly main: LabRepository;
  /** The v2 client config for acme/alice (pinned to the main repository). */
  readonly alice: Omit<InitiatorConfig, 'record'>;
  readonly leak: EphemeralLeak;
  /** Moves the main repository's clock (expiry scenarios); 0 restores it. */
  setClockOffset(ms: number): void;
  /** Registers a fresh classic subject (a new organization) on `on` (default the main repository). */
  classicSubject(on?: LabRepository): Promise<ClassicLabSubject>;
  /** Registers an existing classic subject, same organization, username and key, on another repository. */
  registerClassicSubject(subject: ClassicLabSubject, on: LabRepository): Promise<void>;
  /** The second repository (T8): its own keys; acme/alice registered with alice's key. */
  second(): Promise<LabRepository>;
  /** A classic-only repository started with `--retrying` (T2). */
  retrying(): Promise<LabRepository>;
  close(): Promise<void>;
}

interface LabRepositoryOptions {
  readonly leak?: EphemeralLeak;
  readonly clock?: () => number;
  readonly classicRetrying?: boolean;
  readonly suites?: Array<'v2' | 'classic'>;
  /** Seed the demo organization (default true). */
  readonly seed?: boolean;
  /** Runs on the database before the server listens. */
  readonly setup?: (db: RunningRepositoryServer['context']['db']) => void;
}

async function startLabRepository(prefix: string, homes: string[], options: LabRepositoryOptions = {}): Promise<LabRepository> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  homes.push(home);
  const paths = repPaths({REP_HOME: home});
  const context = createServerContext({
    paths, rng: options.leak?.rng, clock: options.clock, suites: options.suites, classicRetrying: options.classicRetrying, seed: options.seed,
  });
  try {
    options.setup?.(context.db);
  } catch (error) {
    context.db.close();
    throw error;
  }
  const server = await startRepositoryServer({paths, context});
  const serves = (suite: 'v2' | 'classic') => context.suites.includes(suite);
  return {
    server, url: server.url, paths,
    v2Key: serves('v2') ? importP256PublicKey(readFileSync(paths.repositoryPublicKey, 'utf8')) : server.context.repository.publicKey,
    classicKey: serves('classic') ? importP521PublicKey(readFileSync(paths.classicRepositoryPublicKey, 'utf8')) : undefined,
    transport: createHttpTransport({baseUrl: server.url, timeoutMs: 10_000, anyContentType: true}),
  };
}

/** Starts the lab's main repository in a temporary REP_HOME; `close` stops every server and deletes the folders. */
export async function startLabEnvironment(): Promise<LabEnvironment> {
  const homes: string[] = [];
  const repositories: LabRepository[] = [];
  const leak = createEphemeralLeak();
  let offset = 0;
  let organizations = 0;
  try {
    const main = await startLabRepository('rep-attack-', homes, {leak, clock: () => Date.now() + offset});
    repositories.push(main);
    const alicePem = readFileSync(demoCredentialFiles(main.paths).privateKey, 'utf8');
    const alice: Omit<InitiatorConfig, 'record'> = {
      repositoryKey: main.v2Key, audience: sha256(exportSpki(main.v2Key)), subject: nodeSigner(importPrivateKeyPem(alicePem, DEMO_PASSWORD)),
      organization: DEMO_ORGANIZATION, username: DEMO_USERNAME, rng: systemRng, clock: Date.now,
    };
    let second: Promise<LabRepository> | undefined;
    let retrying: Promise<LabRepository> | undefined;
    const lazily = (start: () => Promise<LabRepository>) => start().then((repository) => (repositories.push(repository), repository));

    const register = async (on: LabRepository, subject: Omit<ClassicLabSubject, 'config'>) => {
      const channel = {repositoryKey: on.classicKey!, rng: systemRng};
      await createClassicOrganization(on.transport, channel, {
        organization: subject.organization, username: subject.username, name: `${subject.username} (attack lab)`,
        email: `${subject.username}@${subject.organization}.example`, publicKey: subject.publicKeyWire,
      });
    };

    return {
      main, alice, leak,
      setClockOffset(ms) {
        offset = ms;
      },
      async classicSubject(on = main) {
        const {privateKey} = generateP521KeyPair();
        const subject = {organization: `lab-org-${++organizations}`, username: 'carol', privateKey, publicKeyWire: encodeWirePublicKey(privateKey)};
        await register(on, subject);
        return {
          ...subject,
          config: {repositoryKey: on.classicKey!, rng: systemRng, subject: nodeDerSigner(privateKey), organization: subject.organization, username: subject.username},
        };
      },
      registerClassicSubject: (subject, on) => register(on, subject),
      second() {
        // Its own repository keys; acme/alice registered with alice's public key (the subject "has the same key").
        const alicePublic = main.server.context.db.findSubject(DEMO_ORGANIZATION, DEMO_USERNAME)!.publicKeySpki;
        second ??= lazily(() => startLabRepository('rep-attack-second-', homes, {
          seed: false,
          setup: (db) => db.createOrganization({name: DEMO_ORGANIZATION, username: DEMO_USERNAME, fullName: 'Alice Demo', email: 'alice@acme.example', publicKeySpki: alicePublic}),
        }));
        return second;
      },
      retrying() {
        retrying ??= lazily(() => startLabRepository('rep-attack-retrying-', homes, {suites: ['classic'], classicRetrying: true}));
        return retrying;
      },
      async close() {
        offset = 0;
        for (const repository of repositories.splice(0)) {
          repository.transport.close();
          await repository.server.close();
        }
        for (const home of homes.splice(0)) rmSync(home, {recursive: true, force: true});
      },
    };
  } catch (error) {
    for (const repository of repositories) {
      repository.transport.close();
      await repository.server.close();
    }
    for (const home of homes) rmSync(home, {recursive: true, force: true});
    throw error;
  }
}

