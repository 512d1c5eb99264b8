import type {FastifyError, FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {HandshakeError} from '../src/protocol/errors.js';

/** A deliberate refusal by the repository server: an HTTP status and a stable `code` sent to the client. */
export class ServerError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ServerError';
    this.status = status;
    this.code = code;
  }
}

/** A problem found while preparing the server (key files, database): printed as is, then the server stops. */
export class SetupError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SetupError';
    this.code = code;
  }
}

/** What the client receives for an error: a status and a JSON body `{error, message}`. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: {readonly error: string; readonly message: string};
  /** True for unexpected errors, which are logged server-side and answered generically. */
  readonly unexpected: boolean;
}

const GENERIC_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

const INTERNAL: ErrorAnswer = {
  status: 500,
  body: {error: 'internal_error', message: 'internal error'},
  unexpected: true,
};

function answer(status: number, error: string, message: string): ErrorAnswer {
  return {status, body: {error, message}, unexpected: false};
}

function statusOf(error: {status?: unknown; statusCode?: unknown}): number | undefined {
  const status = typeof error.status === 'number' ? error.status : error.statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

/**
 * Maps any thrown value to the answer sent to the client. Deliberate errors ({@link ServerError},
 * `HandshakeError`, any 4xx error with a string `code`) pass through; fastify's parser and validation
 * errors become `bad_request`, `malformed_json`, `payload_too_large` or `unsupported_media_type`;
 * anything else becomes a generic 500 that reveals nothing.
 */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof ServerError || error instanceof HandshakeError) {
    return answer(error.status, error.code, error.message);
  }
  if (typeof error !== 'object' || error === null) return INTERNAL;
  const fastifyError = error as Partial<FastifyError> & {status?: unknown};
  const code = typeof fastifyError.code === 'string' ? fastifyError.code : undefined;
  if (fastifyError.validation !== undefined || code === 'FST_ERR_VALIDATION') {
    return answer(400, 'bad_request', String(fastifyError.message ?? 'invalid request'));
  }
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return answer(413, 'payload_too_large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return answer(415, 'unsupported_media_type', 'the body must be sent as application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return answer(400, 'malformed_json', 'the request body is not valid JSON');
    default:
      break;
  }
  const status = statusOf(fastifyError);
  if (status === undefined || status < 400 || status > 499) return INTERNAL;
  const generic = GENERIC_CODES[status] ?? 'bad_request';
  if (code === undefined || code.startsWith('FST_') || code.startsWith('ERR_')) {
    return answer(status, generic, generic.replaceAll('_', ' '));
  }
  return answer(status, code, String(fastifyError.message ?? generic));
}

/**
 * Installs the server's single error handler and a JSON not-found handler, so that every error answer
 * is JSON `{error, message}` and unexpected errors are logged without leaking internals to the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendErrorAnswer);
  app.setNotFoundHandler((_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).type('application/json; charset=utf-8').send({error: 'not_found', message: 'no such route'}),
  );
}

/**
 * Answers `error` as JSON `{error, message}` (logging unexpected ones): the error handler, and fastify's
 * `frameworkErrors` (a URL that does not decode, a path parameter over the length limit), which would
 * otherwise get fastify's own body.
 */
export function sendErrorAnswer(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = toErrorAnswer(error);
  if (mapped.unexpected) request.log.error({err: error}, 'unexpected error while handling a request');
  return reply.code(mapped.status).type('application/json; charset=utf-8').send(mapped.body);
}
