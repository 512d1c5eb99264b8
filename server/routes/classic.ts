import type {FastifyInstance} from 'fastify';
import {ClassicPath} from '../../src/protocol/classic/constants.js';
import {answerCreateOrganization, answerListOrganizations} from '../../src/protocol/classic/organizations.js';
import {answerSessionRequest} from '../../src/protocol/classic/responder-session.js';
import type {ClassicServerConfig, ServerContext} from '../context.js';
import {ServerError} from '../errors.js';
import {createClassicEnv, encryptedPhase, keyExchangePhase, type ClassicEnv} from '../classic/exchange.js';
import {isKeyExchange, readGetJsonBody, sendReferenceText} from '../classic/reply.js';
import {answerSessionRoles} from '../classic/session-roles.js';

/** Options of the classic routes (tests shrink the pending-channel map). */
export interface ClassicRouteOptions {
  readonly pending?: {readonly capacity?: number; readonly ttlMs?: number};
}

/**
 * Registers the classic suite on the reference repository's own paths (sio2425 README §1–§4), beside v2's
 * `/v2/...` routes: `POST /sessions` (both phases, dispatched on a top-level `public_key`), `POST` and `GET
 * /organizations` (two-phase anonymous exchanges; the GETs carry JSON bodies), and the authenticated
 * `GET /organizations/:org/sessions/:id/roles`. Valid exchanges get the reference's bytes; where the
 * reference crashes with a 500 page, these answer a clean 4xx JSON error.
 */
export function registerClassicRoutes(app: FastifyInstance, context: ServerContext, settings: ClassicServerConfig, options: ClassicRouteOptions = {}): ClassicEnv {
  const env = createClassicEnv(context, settings, options.pending);
  const exchange = (path: string, body: unknown, handle: Parameters<typeof encryptedPhase>[3], method = 'POST') =>
    (isKeyExchange(body) ? keyExchangePhase(env, path, body, method) : encryptedPhase(env, path, body, handle, method));

  app.post(ClassicPath.Sessions, async (request, reply) => {
    const answer = exchange(ClassicPath.Sessions, request.body, (config, plaintext) => answerSessionRequest(config, env.directory, plaintext));
    return sendReferenceText(reply, answer.status, answer.text);
  });
  app.get(ClassicPath.Sessions, async () => {
    throw new ServerError(405, 'method_not_allowed', 'The method is not allowed for the requested URL.');
  });
  app.post(ClassicPath.Organizations, async (request, reply) => {
    const answer = exchange(ClassicPath.Organizations, request.body, (_config, plaintext) => answerCreateOrganization(env.directory, plaintext));
    return sendReferenceText(reply, answer.status, answer.text);
  });
  app.get(ClassicPath.Organizations, async (request, reply) => {
    const answer = exchange(ClassicPath.Organizations, await readGetJsonBody(request), () => answerListOrganizations(env.directory), 'GET');
    return sendReferenceText(reply, answer.status, answer.text);
  });
  app.get<{Params: {organization: string; sessionId: string}}>('/organizations/:organization/sessions/:sessionId/roles', async (request, reply) => {
    const answer = answerSessionRoles(env, request.params.organization, await readGetJsonBody(request));
    return sendReferenceText(reply, answer.status, answer.text, answer.contentType);
  });
  return env;
}
