import {nodeDerSigner} from '../../src/crypto/ecdsa-der.js';
import {sha256} from '../../src/crypto/hash.js';
import {HandshakeError, type StageId} from '../../src/protocol/errors.js';
import {encodeAnonymousAnswer, encodeKeyExchangeAnswer, parseAnonymousRequest, parseKeyExchangeRequest} from '../../src/protocol/classic/messages.js';
import {pyJsonDumps} from '../../src/protocol/classic/py-json.js';
import {
  answerKeyExchange, createClassicResponderState, openAnonymousRequest, sealAnonymousAnswer,
  type ClassicAnswer, type ClassicResponderConfig, type ClassicResponderState,
} from '../../src/protocol/classic/responder.js';
import type {ClassicServerConfig, ServerContext} from '../context.js';
import {startServerTrace} from '../server-trace.js';
import {classicDirectory} from './directory.js';

/** What every classic route shares: the responder config, the pending-channel map and the directory. */
export interface ClassicEnv {
  readonly context: ServerContext;
  readonly config: ClassicResponderConfig;
  readonly state: ClassicResponderState;
  readonly directory: ReturnType<typeof classicDirectory>;
  readonly settings: ClassicServerConfig;
}

/** A status and the exact body text to send. */
export interface ClassicReply {
  readonly status: number;
  readonly text: string;
}

/** Builds the classic routes' shared state (one pending-channel map per server, like the reference's global dict). */
export function createClassicEnv(context: ServerContext, settings: ClassicServerConfig, limits?: {capacity?: number; ttlMs?: number}): ClassicEnv {
  return {
    context, settings,
    config: {repository: nodeDerSigner(settings.repository.privateKey), rng: context.rng, clock: context.clock},
    state: createClassicResponderState(context.clock, {...limits, retrying: settings.retrying}),
    directory: classicDirectory(context, settings.sessionLifetimeMs),
  };
}

/** One run id per client key, so the server's events of one exchange line up. */
const runIdOf = (body: unknown, key: string) => {
  const value = (body as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? sha256(Buffer.from(value)).toString('hex').slice(0, 16) : 'unknown';
};

function traced(env: ClassicEnv, stage: StageId, path: string, method: string, body: unknown, runId: string, run: (config: ClassicResponderConfig) => {status: number; body: unknown}): ClassicReply {
  const trace = startServerTrace(env.context, stage);
  try {
    const result = run({...env.config, record: trace.record});
    const failed = result.status >= 400 ? {code: 'refused', message: `HTTP ${result.status}`} : undefined;
    trace.finish(runId, {status: result.status, request: body, response: result.body, path, method, error: failed});
    return {status: result.status, text: pyJsonDumps(result.body as never)};
  } catch (error) {
    const status = error instanceof HandshakeError ? error.status : 500;
    const code = error instanceof HandshakeError ? error.code : 'internal_error';
    trace.finish(runId, {status, request: body, response: {error: code}, path, method, error: {code, message: (error as Error).message}});
    throw error;
  }
}

/** Phase 1 (message 1 → 2, A0.2–A0.4): the signed key exchange; 200 with the reference's exact body. */
export function keyExchangePhase(env: ClassicEnv, path: string, body: unknown, method = 'POST'): ClassicReply {
  return traced(env, 'A0', path, method, body, runIdOf(body, 'public_key'), (config) => ({
    status: 200, body: encodeKeyExchangeAnswer(answerKeyExchange(config, env.state, parseKeyExchangeRequest(body))),
  }));
}

/**
 * Phase 2 (message 3 → 4, A2.1 … A2.5): takes K_anon, decrypts, lets `handle` answer, encrypts the answer
 * under K_anon. Unknown channel or a malformed body: HandshakeError 400 (plain JSON, never a 500).
 */
export function encryptedPhase(
  env: ClassicEnv, path: string, body: unknown, handle: (config: ClassicResponderConfig, plaintext: unknown) => ClassicAnswer, method = 'POST',
): ClassicReply {
  return traced(env, 'A2', path, method, body, runIdOf(body, 'client_ephemeral_public_key'), (config) => {
    const opened = openAnonymousRequest(config, env.state, parseAnonymousRequest(body));
    const answer = opened.refusal ?? handle(config, opened.plaintext);
    return {status: answer.status, body: encodeAnonymousAnswer(sealAnonymousAnswer(config, opened.key, answer))};
  });
}
