import {createHttpTransport, type JsonTransport} from '../client/transport.js';
import {toBase64Url} from '../crypto/bytes.js';
import {systemRng} from '../crypto/random.js';
import {runClassicHandshake} from '../protocol/classic/client-runner.js';
import {openJson} from '../protocol/classic/envelope.js';
import type {ClassicInitiatorConfig, ClassicOutcome} from '../protocol/classic/initiator.js';
import {sessionRolesPath} from '../protocol/classic/constants.js';
import {isSessionEnvelope, openSessionEnvelope, sealSessionRequest, type SessionRequestBody} from '../protocol/classic/session-request.js';
import {HandshakeError} from '../protocol/errors.js';
import type {HandshakeEvent, StepEvent} from '../protocol/events.js';
import {asHandshakeError, runV2Handshake, type HandshakeOutcome} from '../protocol/v2/client-runner.js';
import {V2Path} from '../protocol/v2/constants.js';
import type {InitiatorConfig} from '../protocol/v2/initiator.js';
import {encodeRequestRecord, openRecord, parseResponseRecord, sealRecord} from '../protocol/v2/session-request.js';

/** A real client run (the project's own runner) against a URL, usually the proxy's. */
export interface ClientRun<T> {
  readonly outcome?: T;
  readonly error?: HandshakeError;
  /** Every event the runner emitted (steps carry the exact values, e.g. A1.2's plaintext). */
  readonly events: readonly HandshakeEvent[];
}

/** The client's step event `id` (e.g. `A1.2`), if it ran. */
export function stepOf(run: ClientRun<unknown>, id: string): StepEvent | undefined {
  return run.events.find((e): e is StepEvent & {runId: string} => e.type === 'step' && e.step === id);
}

/** True when the client sent a request on `path` (from its `message` events). */
export function clientSent(run: ClientRun<unknown>, path: string): boolean {
  return run.events.some((e) => e.type === 'message' && e.direction === 'request' && e.path === path);
}

/** A transport to `url` (the classic one parses the reference's `text/html` JSON too). */
export function labTransport(url: string, classic: boolean, timeoutMs = 15_000): JsonTransport {
  return createHttpTransport({baseUrl: url, timeoutMs, anyContentType: classic});
}

async function capture<T>(run: (emit: (e: HandshakeEvent) => void) => Promise<T>): Promise<ClientRun<T>> {
  const events: HandshakeEvent[] = [];
  try {
    const outcome = await run((e) => events.push(e));
    return {outcome, events};
  } catch (error) {
    return {error: error instanceof HandshakeError ? error : asHandshakeError(error, 'A0'), events};
  }
}

/** Runs the v2 client (runV2Handshake) against `url`; `onEvent` sees its events as they happen. */
export async function runV2Client(
  url: string, config: Omit<InitiatorConfig, 'record'>, options: {timeoutMs?: number; onEvent?: (e: HandshakeEvent) => void} = {},
): Promise<ClientRun<HandshakeOutcome>> {
  const transport = labTransport(url, false, options.timeoutMs);
  try {
    return await capture((emit) => runV2Handshake({transport, emit: (e) => (emit(e), options.onEvent?.(e))}, config));
  } finally {
    transport.close();
  }
}

/** Runs the classic client (runClassicHandshake) against `url`. */
export async function runClassicClient(
  url: string, config: Omit<ClassicInitiatorConfig, 'record'>, options: {timeoutMs?: number; onEvent?: (e: HandshakeEvent) => void} = {},
): Promise<ClientRun<ClassicOutcome>> {
  const transport = labTransport(url, true, options.timeoutMs);
  try {
    return await capture((emit) => runClassicHandshake({transport, emit: (e) => (emit(e), options.onEvent?.(e))}, config));
  } finally {
    transport.close();
  }
}

/** A classic session created through `url` (usually the proxy), with the path of its roles request; throws if the handshake fails. */
export async function classicSessionThrough(url: string, config: Omit<ClassicInitiatorConfig, 'record'>): Promise<{outcome: ClassicOutcome; rolesPath: string}> {
  const session = await runClassicClient(url, config);
  if (!session.outcome) throw new Error(`the classic handshake failed: ${describeRun(session)}`);
  return {outcome: session.outcome, rolesPath: sessionRolesPath(session.outcome.organization, session.outcome.sessionId)};
}

/** A classic session request's answer opened with the session key: undefined when it is no envelope or its MAC does not match. */
export function openClassicAnswer(outcome: ClassicOutcome, body: unknown): ReturnType<typeof openSessionEnvelope> {
  return isSessionEnvelope(body) ? openSessionEnvelope(outcome.sessionKey, {...body.data, signature: body.signature}) : undefined;
}

/** One sentence for a client run: the session it created, or the stage and code where it stopped. */
export function describeRun(run: ClientRun<HandshakeOutcome | ClassicOutcome>): string {
  if (run.outcome) {
    const id = Buffer.isBuffer(run.outcome.sessionId) ? toBase64Url(run.outcome.sessionId) : String(run.outcome.sessionId);
    return `session created (id ${id})`;
  }
  return `refused at ${run.error?.stage}: ${run.error?.code} — ${run.error?.message}`;
}

/** The repository's own words in a refused classic run (the client decrypted them), without the client's prefix. */
export function refusalMessage(run: ClientRun<unknown>): string {
  return (run.error?.message ?? '').replace(/^the repository refused \(HTTP \d+\): /, '');
}

/** A v2 `whoami` request record sealed for `sealedFor` (default the real path) with `sequence`. */
export function v2WhoamiRequest(outcome: HandshakeOutcome, sequence: number, sealedFor: string = V2Path.Whoami) {
  return encodeRequestRecord(sealRecord('request', outcome.keys.clientToServer, outcome.sessionId, sequence, {method: 'POST', path: sealedFor}, {}));
}

/** Opens a v2 `whoami` answer as the client does; undefined when it does not open. */
export function openV2Whoami(outcome: HandshakeOutcome, body: unknown): unknown {
  try {
    return openRecord('response', outcome.keys.serverToClient, parseResponseRecord(body, outcome.sessionId), {method: 'POST', path: V2Path.Whoami});
  } catch {
    return undefined;
  }
}

/** A classic authenticated request body (the reference's roles request) with `counter`. */
export function classicRolesRequest(outcome: ClassicOutcome, counter: number): SessionRequestBody {
  return sealSessionRequest(outcome.sessionKey, {sessionId: outcome.sessionId, counter, nonce: outcome.nonce}, {}, systemRng);
}

/**
 * What an answer says, in a few words: `401 handshake_failed`, `200`, or for a classic encrypted envelope
 * `400 (encrypted under K_anon)` — with the decrypted message when the lab knows K_anon.
 */
export function describeAnswer(status: number, body: unknown, anonymousKey?: Buffer): string {
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof object.error === 'string') return `${status} ${object.error}${typeof object.message === 'string' ? ` ("${object.message}")` : ''}`;
  if (typeof object.data === 'string' && typeof object.iv === 'string') {
    if (!anonymousKey) return `${status} (encrypted under K_anon)`;
    try {
      const plaintext = openJson(anonymousKey, object.data, object.iv) as Record<string, unknown>;
      return typeof plaintext.error === 'string' ? `${status} (encrypted) "${plaintext.error}"` : `${status} (encrypted) ${JSON.stringify(plaintext).slice(0, 80)}`;
    } catch {
      return `${status} (encrypted under another key)`;
    }
  }
  if (typeof body === 'string') return `${status} "${body}"`;
  return `${status}`;
}
