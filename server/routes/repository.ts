import type {FastifyInstance} from 'fastify';
import type {ServerContext} from '../context.js';
import {healthSchema, repositorySchema} from '../schemas.js';

/**
 * Registers `GET /v2/repository` (the repository public key and fingerprint: informational only, clients
 * pin the key out of band and never trust this answer) and `GET /v2/health`.
 */
export function registerRepositoryRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/v2/repository', {schema: repositorySchema}, async () => ({
    public_key: context.repository.publicKeyPem,
    fingerprint: context.repository.fingerprint,
  }));
  app.get('/v2/health', {schema: healthSchema}, async () => ({ok: true}));
}
