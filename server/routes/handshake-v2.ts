import type {FastifyInstance} from 'fastify';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {sha256} from '../../src/crypto/hash.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {HandshakeError, type StageId} from '../../src/protocol/errors.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {encodeA0Answer, encodeA2Answer, encodeA3Answer, parseA0Request, parseA1Request, parseA3Request} from '../../src/protocol/v2/messages.js';
import {answerA0, answerA1, answerA3, createResponder, type ResponderConfig} from '../../src/protocol/v2/responder.js';
import type {ResponderLimits} from '../../src/protocol/v2/responder-state.js';
import type {ServerContext} from '../context.js';
import {startServerTrace, UNTRACED} from '../server-trace.js';
import {createSubjectKeyCache} from '../subject-keys.js';
import {createSessionCommitter} from '../session-keys.js';
import {a0AnswerSchema, a0Schema, a1Schema, a2AnswerSchema, a3AnswerSchema, a3Schema} from './handshake-schemas.js';
import {registerSessionRequestRoutes} from './session-requests.js';

/** Options of the v2 routes: responder limits and session lifetime (tests shrink them). */
export interface HandshakeV2Options {
  readonly limits?: Partial<ResponderLimits>;
  readonly sessionLifetimeMs?: number;
}

/**
 * Registers the v2 handshake (POST /v2/session/a0, /a1, /a3; docs/PROTOCOL.md) and the session requests.
 * One responder state per server: pending channels, nonce cache and pending sessions, all bounded.
 */
export async function registerHandshakeV2Routes(app: FastifyInstance, context: ServerContext, options: HandshakeV2Options = {}): Promise<void> {
  const state = createResponder(options.limits, context.clock);
  const commitSession = createSessionCommitter(context);
  const base: ResponderConfig = {
    repository: nodeSigner(context.repository.privateKey),
    audience: sha256(exportSpki(context.repository.publicKey)),
    rng: context.rng,
    clock: context.clock,
    findSubject: createSubjectKeyCache(context.db),
    sessionLifetimeMs: options.sessionLifetimeMs,
  };

  /** Runs one stage with tracing; the answer is sent as JSON, errors go to the shared error handler. */
  function traced<T>(stage: StageId, path: string, body: unknown, run: (config: ResponderConfig) => {runId: string; response: T}, fallbackRunId: () => string): T {
    const trace = startServerTrace(context, stage);
    try {
      const {runId, response} = run(trace === UNTRACED ? base : {...base, record: trace.record});
      trace.finish(runId, {status: 200, request: body, response, path});
      return response;
    } catch (error) {
      const status = error instanceof HandshakeError ? error.status : 500;
      const code = error instanceof HandshakeError ? error.code : 'internal_error';
      trace.finish(fallbackRunId(), {status, request: body, response: {error: code}, path, error: {code, message: (error as Error).message}});
      throw error;
    }
  }
  const field = (body: unknown, key: string) => String((body as Record<string, unknown> | null)?.[key] ?? 'unknown');

  app.post(V2Path.A0, {schema: {body: a0Schema, response: a0AnswerSchema}}, async (request) =>
    traced('A0', V2Path.A0, request.body, (config) => {
      const response = encodeA0Answer(answerA0(config, state, parseA0Request(request.body)));
      return {runId: response.channel_id, response};
    }, () => field(request.body, 'client_nonce')),
  );

  app.post(V2Path.A1, {schema: {body: a1Schema, response: a2AnswerSchema}}, async (request) =>
    traced('A2', V2Path.A1, request.body, (config) => {
      const parsed = parseA1Request(request.body);
      return {runId: field(request.body, 'channel_id'), response: encodeA2Answer(answerA1(config, state, parsed))};
    }, () => field(request.body, 'channel_id')),
  );

  app.post(V2Path.A3, {schema: {body: a3Schema, response: a3AnswerSchema}}, async (request) => {
    let established: ReturnType<typeof answerA3> | undefined;
    const response = traced('A3', V2Path.A3, request.body, (config) => {
      established = answerA3(config, state, parseA3Request(request.body));
      return {runId: established.session.channelId, response: encodeA3Answer(established.answer)};
    }, () => field(request.body, 'session_id'));
    if (established) await commitSession(established.session);
    return response;
  });

  await registerSessionRequestRoutes(app, context);
}
