import type {FastifyInstance} from 'fastify';
import type {ServerContext} from '../context.js';
import {createOrganizationSchema, listOrganizationsSchema, type CreateOrganizationBody} from '../schemas.js';
import {parseSubjectPublicKey} from './public-key.js';

/**
 * Registers `GET /v2/organizations` (names and subject statuses, nothing else) and
 * `POST /v2/organizations` (create an organization with its first subject; 201, or 409 when it exists).
 */
export function registerOrganizationRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/v2/organizations', {schema: listOrganizationsSchema}, async () => ({
    organizations: context.db.listOrganizations().map((organization) => ({
      name: organization.name,
      subjects: organization.subjects.map((subject) => ({username: subject.username, status: subject.status})),
    })),
  }));

  app.post<{Body: CreateOrganizationBody}>('/v2/organizations', {schema: createOrganizationSchema}, async (request, reply) => {
    const body = request.body;
    const publicKeySpki = parseSubjectPublicKey(body.public_key);
    context.db.createOrganization({
      name: body.organization,
      username: body.username,
      fullName: body.full_name,
      email: body.email,
      publicKeySpki,
    });
    reply.code(201);
    return {organization: body.organization, username: body.username};
  });
}
