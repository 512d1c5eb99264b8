import type {ClassicInitiatorConfig} from '../../src/protocol/classic/initiator.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {createClassicSubject, uniqueName, type Target} from './clients.js';
import {createRawClient, type RawClient} from './http.js';

/**
 * The fuzzer's deep-state set-up: before any case runs, real v2 sessions, a real classic session and a
 * classic subject without a session are made with valid handshakes, so the deep scenarios can send their bad
 * last request where only a well-behaved client gets to; and the raw client the cases are sent with.
 */

/** Live state the deep scenarios build on: real v2 sessions, a real classic session, a classic subject. */
export interface FuzzContext {
  readonly target: Target;
  readonly raw: RawClient;
  readonly v2Sessions: Array<{readonly id: Buffer; readonly c2s: Buffer; readonly s2c: Buffer; next: number}>;
  readonly classicSession: {readonly id: number; readonly key: Buffer; readonly nonce: string; readonly organization: string; counter: number};
  /** A classic subject without a session (its signed requests reach the signature check). */
  readonly classicSigner: Omit<ClassicInitiatorConfig, 'record'>;
  close(): void;
}

/** Makes the live state: 4 v2 sessions for acme/alice, a classic organization with a session, another without. */
export async function prepareFuzzContext(target: Target, options: {maxSockets?: number} = {}): Promise<FuzzContext> {
  const v2Sessions = [];
  for (let i = 0; i < 4; i++) {
    const outcome = await runV2Handshake({transport: target.transport}, target.alice);
    v2Sessions.push({id: outcome.sessionId, c2s: outcome.keys.clientToServer, s2c: outcome.keys.serverToClient, next: 1});
  }
  const classicSubject = await createClassicSubject(target, uniqueName('fuzz'), uniqueName('fuzzer'));
  const outcome = await runClassicHandshake({transport: target.classicTransport}, classicSubject);
  const classicSigner = await createClassicSubject(target, uniqueName('fuzz'), uniqueName('signer'));
  const raw = createRawClient(target.url, {maxSockets: options.maxSockets ?? 16});
  return {
    target, raw, v2Sessions, classicSigner,
    // Counters of valid requests start above anything the `fields` cases send, so they are accepted.
    classicSession: {id: outcome.sessionId, key: outcome.sessionKey, nonce: outcome.nonce, organization: outcome.organization, counter: 2 ** 41},
    close: () => raw.close(),
  };
}
