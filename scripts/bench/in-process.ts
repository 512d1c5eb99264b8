import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {sha256} from '../../src/crypto/hash.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';
import {buildA1, finishA0, handleA2, startA0} from '../../src/protocol/v2/initiator.js';
import {answerA0, answerA1, answerA3, createResponder} from '../../src/protocol/v2/responder.js';

/**
 * The server's side of v2 without HTTP or storage: the responder's stage functions (A0.2–A3.5) on
 * messages from an in-process client, timed with the process CPU clock around the server calls only.
 * Separates the protocol code's own cost from the HTTP stack's when comparing with the ceiling.
 */
export function measureInProcess(durationMs: number): {handshakesPerCpuSecond: number; microsecondsPerHandshake: number} {
  const repository = generateP256KeyPair();
  const subject = generateP256KeyPair();
  const audience = sha256(exportSpki(repository.publicKey));
  const client = {repositoryKey: repository.publicKey, audience, subject: nodeSigner(subject.privateKey), organization: 'acme', username: 'alice', rng: systemRng, clock: Date.now};
  const server = {repository: nodeSigner(repository.privateKey), audience, rng: systemRng, clock: Date.now,
    findSubject: () => ({publicKey: subject.publicKey, status: 'active' as const})};
  const state = createResponder();
  let serverMicros = 0;
  let count = 0;
  const onServer = <T>(work: () => T): T => {
    const before = process.cpuUsage();
    const result = work();
    const used = process.cpuUsage(before);
    serverMicros += used.user + used.system;
    return result;
  };
  const started = Date.now();
  while (Date.now() - started < durationMs) {
    const a0 = startA0(client);
    const channel = finishA0(client, a0.state, onServer(() => answerA0(server, state, a0.request)));
    const a1 = buildA1(client, channel);
    const a3 = handleA2(client, a1.state, onServer(() => answerA1(server, state, a1.request)));
    onServer(() => answerA3(server, state, a3.request));
    count++;
  }
  return {handshakesPerCpuSecond: count / (serverMicros / 1e6), microsecondsPerHandshake: serverMicros / count};
}
