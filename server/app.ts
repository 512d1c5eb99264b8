import Fastify, {type FastifyInstance} from 'fastify';
import type {ServerContext} from './context.js';
import {installErrorHandler, sendErrorAnswer} from './errors.js';
import {registerClassicRoutes} from './routes/classic.js';
import {registerHandshakeV2Routes} from './routes/handshake-v2.js';
import {registerOrganizationRoutes} from './routes/organizations.js';
import {registerRepositoryRoutes} from './routes/repository.js';

/** Default request body limit: 16 KiB (every legitimate request is far smaller). */
export const DEFAULT_BODY_LIMIT = 16 * 1024;
/** How often expired sessions are deleted while the server runs (ms). */
export const SESSION_CLEANUP_INTERVAL_MS = 60_000;
/** Classic sessions idle this long are deleted (their ids are never reused; expiry itself is per request). */
export const CLASSIC_SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A request must arrive completely within this time (ms), so slow senders cannot hold sockets. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Options of {@link buildServer}. */
export interface BuildServerOptions {
  /** Log every request at info level to stdout. Without it only unexpected errors are logged (stderr). */
  readonly logger?: boolean;
  /** Largest accepted request body in bytes (default {@link DEFAULT_BODY_LIMIT}). */
  readonly bodyLimit?: number;
}

function removeExpiredSessions(app: FastifyInstance, context: ServerContext): void {
  try {
    context.db.deleteExpiredSessions(context.clock());
    context.db.classic.deleteIdle(context.clock() - CLASSIC_SESSION_RETENTION_MS);
  } catch (error) {
    app.log.error({err: error}, 'could not delete expired sessions');
  }
}

/**
 * Builds the bundled repository's fastify app without listening: strict JSON only (other content types
 * 415), schema validation without coercion or silent removal of unknown fields, one error handler
 * (every error answer is JSON), the v2 handshake routes, the organization and repository routes, the
 * classic suite's routes when the context has them, and a periodic deletion of expired sessions while the
 * app is ready.
 */
export async function buildServer(context: ServerContext, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === true ? {level: 'info'} : {level: 'error', stream: process.stderr},
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    ajv: {customOptions: {removeAdditional: false, coerceTypes: false}},
    frameworkErrors: sendErrorAnswer,
  });
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);

  if (context.suites?.includes('v2') ?? true) {
    await registerHandshakeV2Routes(app, context);
    registerOrganizationRoutes(app, context);
  }
  registerRepositoryRoutes(app, context);
  if (context.classic && (context.suites?.includes('classic') ?? true)) registerClassicRoutes(app, context, context.classic);

  let cleanup: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    cleanup = setInterval(() => removeExpiredSessions(app, context), SESSION_CLEANUP_INTERVAL_MS);
    cleanup.unref();
  });
  app.addHook('onClose', async () => {
    if (cleanup !== undefined) clearInterval(cleanup);
  });
  return app;
}
