import {deterministicSigner, nodeSigner} from '../../crypto/ecdsa.js';
import {sha256} from '../../crypto/hash.js';
import {exportSpki} from '../../crypto/p256.js';
import {generateP256KeyPair} from '../../crypto/private-keys.js';
import {seededRng, systemRng} from '../../crypto/random.js';
import type {Side} from '../events.js';
import type {StepRecord} from '../steps.js';
import type {InitiatorConfig} from './initiator.js';
import {createResponder, type ResponderConfig} from './responder.js';
import type {ResponderState} from './responder-state.js';

/**
 * The clock of a seeded walkthrough when none is given: 2026-01-01T00:00:00.000Z, the time of
 * docs/PROTOCOL.md §12, so `--seed "rep-v2 protocol example"` reproduces that worked example byte for byte.
 */
export const WALKTHROUGH_SEEDED_NOW = 1767225600000;

/** The subject of a walkthrough run (the bundled repository's demo subject). */
export const WALKTHROUGH_SUBJECT = {organization: 'acme', username: 'alice'} as const;

/** A client and a repository wired to each other in memory, each recording its sub-steps. */
export interface WalkthroughParties {
  readonly client: InitiatorConfig;
  readonly server: ResponderConfig;
  readonly state: ResponderState;
  readonly now: number;
  /** Raw SHA-256 of the repository SPKI (the audience). */
  readonly audience: Buffer;
  readonly repositorySpki: Buffer;
  readonly subjectSpki: Buffer;
}

/**
 * Both parties of an in-memory v2 run. With a seed, one seeded stream gives (in this order) the repository
 * key, the subject key, then every ephemeral, nonce, id and IV; signatures use RFC 6979 nonces, and the
 * clock is fixed, so every byte is reproducible (the same draws as docs/PROTOCOL.md §12). Without a seed
 * everything is random and the clock is `now` or the real time. For teaching only: the seed gives away
 * every key.
 */
export function walkthroughParties(options: {
  readonly seed?: string;
  readonly now?: number;
  /** Receives every sub-step of both sides, in the order they run. */
  readonly onStep: (side: Side, record: StepRecord) => void;
}): WalkthroughParties {
  const seeded = options.seed !== undefined;
  const rng = seeded ? seededRng(options.seed as string) : systemRng;
  const now = options.now ?? (seeded ? WALKTHROUGH_SEEDED_NOW : Date.now());
  const clock = () => now;
  const repository = generateP256KeyPair(seeded ? rng : undefined);
  const subject = generateP256KeyPair(seeded ? rng : undefined);
  const sign = seeded ? deterministicSigner : nodeSigner;
  const repositorySpki = exportSpki(repository.publicKey);
  const audience = sha256(repositorySpki);
  const {organization, username} = WALKTHROUGH_SUBJECT;
  return {
    client: {
      repositoryKey: repository.publicKey, audience, subject: sign(subject.privateKey), organization, username, rng, clock,
      record: (r) => options.onStep('client', r),
    },
    server: {
      repository: sign(repository.privateKey), audience, rng, clock,
      record: (r) => options.onStep('server', r),
      findSubject: (org, user) => (org === organization && user === username ? {publicKey: subject.publicKey, status: 'active'} : undefined),
    },
    state: createResponder({}, clock),
    now, audience, repositorySpki,
    subjectSpki: exportSpki(subject.publicKey),
  };
}
