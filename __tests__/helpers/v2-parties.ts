import {deterministicSigner, nodeSigner} from '../../src/crypto/ecdsa.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {sha256} from '../../src/crypto/hash.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {seededRng, systemRng, type Rng} from '../../src/crypto/random.js';
import type {StepRecord} from '../../src/protocol/steps.js';
import {buildA1, finishA0, finishA3, handleA2, startA0, type InitiatorConfig} from '../../src/protocol/v2/initiator.js';
import {answerA0, answerA1, answerA3, createResponder, type ResponderConfig} from '../../src/protocol/v2/responder.js';
import type {ResponderState} from '../../src/protocol/v2/responder-state.js';

/** A client and a repository wired to each other in memory (no I/O), with the demo subject registered. */
export interface Parties {
  readonly client: InitiatorConfig;
  readonly server: ResponderConfig;
  readonly state: ResponderState;
  readonly steps: StepRecord[];
  status: 'active' | 'suspended';
}

/** Builds both parties; with `seed`, every key, nonce, IV and signature is deterministic. */
export function makeParties(options: {seed?: string; now?: number; organization?: string; username?: string} = {}): Parties {
  const rng: Rng = options.seed ? seededRng(options.seed) : systemRng;
  const clock = () => options.now ?? Date.now();
  const repository = generateP256KeyPair(options.seed ? rng : undefined);
  const subject = generateP256KeyPair(options.seed ? rng : undefined);
  const sign = options.seed ? deterministicSigner : nodeSigner;
  const audience = sha256(exportSpki(repository.publicKey));
  const steps: StepRecord[] = [];
  const record = (r: StepRecord) => steps.push(r);
  const parties: Parties = {
    client: {
      repositoryKey: repository.publicKey, audience, subject: sign(subject.privateKey),
      organization: options.organization ?? 'acme', username: options.username ?? 'alice', rng, clock, record,
    },
    server: {
      repository: sign(repository.privateKey), audience, rng, clock, record,
      findSubject: (org, user) => (org === 'acme' && user === 'alice' ? {publicKey: subject.publicKey, status: parties.status} : undefined),
    },
    state: createResponder({}, clock),
    steps,
    status: 'active',
  };
  return parties;
}

/** Runs the whole v2 handshake in memory, stage by stage; returns every message and the results. */
export function doHandshake(p: Parties) {
  // A0
  const a0 = startA0(p.client);
  const a0Answer = answerA0(p.server, p.state, a0.request);
  const channel = finishA0(p.client, a0.state, a0Answer);
  // A1
  const a1 = buildA1(p.client, channel);
  // A2
  const a2Answer = answerA1(p.server, p.state, a1.request);
  // A3
  const a3 = handleA2(p.client, a1.state, a2Answer);
  const confirmed = answerA3(p.server, p.state, a3.request);
  finishA3(p.client, a3.state, confirmed.answer);
  return {a0, a0Answer, channel, a1, a2Answer, a3, confirmed};
}
