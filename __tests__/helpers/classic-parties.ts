// Both sides of the classic handshake in memory (not a test file): a repository with one organization.
import type {KeyObject} from 'node:crypto';
import {deterministicP521Signer, nodeDerSigner, type DerSigner} from '../../src/crypto/ecdsa-der.js';
import {generateP521KeyPair} from '../../src/crypto/p521.js';
import {seededRng, systemRng, type Rng} from '../../src/crypto/random.js';
import type {ClassicInitiatorConfig} from '../../src/protocol/classic/initiator.js';
import {createClassicResponderState, type ClassicResponderConfig, type ClassicResponderState} from '../../src/protocol/classic/responder.js';
import type {ClassicDirectory, ClassicSubject} from '../../src/protocol/classic/responder-session.js';

/** The in-memory repository's data. */
export interface MemoryDirectory extends ClassicDirectory {
  readonly subjects: Map<string, ClassicSubject>;
  readonly sessions: Array<{organization: string; username: string; sessionKey: Buffer; nonce: string; live: boolean}>;
}

/** Client config, server config and state for `org1/user1`; seeded parties are deterministic. */
export interface ClassicParties {
  readonly client: Omit<ClassicInitiatorConfig, 'record'>;
  readonly server: ClassicResponderConfig;
  readonly state: ClassicResponderState;
  readonly directory: MemoryDirectory;
  readonly subjectKey: KeyObject;
}

export function memoryDirectory(): MemoryDirectory {
  const subjects = new Map<string, ClassicSubject>();
  const sessions: MemoryDirectory['sessions'] = [];
  return {
    subjects, sessions,
    hasLiveSession: (organization, username) => sessions.some((s) => s.organization === organization && s.username === username && s.live),
    findSubject: (organization, username) => subjects.get(`${organization}/${username}`),
    createSession: (input) => sessions.push({...input, live: true}),
  };
}

/** Both parties; with `seed`, every key, IV, nonce and signature comes from it (a reproducible run). */
export function classicParties(seed?: string): ClassicParties {
  const rng: Rng = seed === undefined ? systemRng : seededRng(seed);
  const signer = (key: KeyObject): DerSigner => (seed === undefined ? nodeDerSigner(key) : deterministicP521Signer(key));
  const repository = generateP521KeyPair(rng);
  const subject = generateP521KeyPair(rng);
  const directory = memoryDirectory();
  directory.subjects.set('org1/user1', {publicKey: subject.publicKey, status: 'active'});
  return {
    client: {repositoryKey: repository.publicKey, subject: signer(subject.privateKey), organization: 'org1', username: 'user1', rng},
    server: {repository: signer(repository.privateKey), rng, clock: () => 1_700_000_000_000},
    state: createClassicResponderState(() => 1_700_000_000_000),
    directory,
    subjectKey: subject.privateKey,
  };
}
