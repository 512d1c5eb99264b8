import type {FastifyInstance} from 'fastify';
import {buildServer} from '../../server/app.js';
import {createServerContext, type BundledServerContext} from '../../server/context-factory.js';
import {ServerError} from '../../server/errors.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {httpRequest, makeSubjectKey, makeTempHome, organizationBody, type TempHome} from './server-fixtures.js';

const JSON_TYPE = {'content-type': 'application/json'};

// app.inject (light-my-request) cannot load under jest's ESM mode here, so every test goes over a real socket.
describe('organization and repository routes (real socket on 127.0.0.1:0)', () => {
  let home: TempHome;
  let context: BundledServerContext;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    home = makeTempHome();
    context = createServerContext({paths: home.paths});
    app = await buildServer(context);
    // Only for the tests: routes that fail on purpose, to check the error handler's mapping.
    app.get('/test/boom', async () => {
      throw new Error('secret internal detail');
    });
    app.get('/test/deliberate', async () => {
      throw new ServerError(403, 'forbidden_thing', 'you may not');
    });
    url = await app.listen({host: '127.0.0.1', port: 0});
  });
  afterAll(async () => {
    await app.close();
    context.db.close();
    home.remove();
  });

  const post = (body: string, headers: Record<string, string> = JSON_TYPE) =>
    httpRequest(url, 'POST', '/v2/organizations', {body, headers});
  const get = (path: string, method = 'GET') => httpRequest(url, method, path);

  it('lists the seeded organization with names and statuses only', async () => {
    const answer = await get('/v2/organizations');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({organizations: [{name: 'acme', subjects: [{username: 'alice', status: 'active'}]}]});
  });

  it('creates an organization (201) and lists it', async () => {
    const answer = await post(JSON.stringify(organizationBody('globex', 'bob')));
    expect(answer.status).toBe(201);
    expect(answer.json()).toEqual({organization: 'globex', username: 'bob'});
    const list = (await get('/v2/organizations')).json();
    expect(list.organizations.map((o: {name: string}) => o.name)).toEqual(['acme', 'globex']);
  });

  it('answers 409 organization_exists for a duplicate', async () => {
    const answer = await post(JSON.stringify(organizationBody('acme', 'mallory')));
    expect(answer.status).toBe(409);
    expect(answer.json()).toMatchObject({error: 'organization_exists'});
    expect(context.db.findSubject('acme', 'mallory')).toBeUndefined();
  });

  const invalidKeys: Array<[string, string]> = [
    ['not base64url', 'not*base64'],
    ['padded base64', `${makeSubjectKey().publicKey}=`],
    ['a raw point instead of SPKI', toBase64Url(makeSubjectKey().spki.subarray(26))],
    ['an off-curve point', toBase64Url(Buffer.concat([makeSubjectKey().spki.subarray(0, 90), Buffer.of(0)]))],
    ['trailing bytes', toBase64Url(Buffer.concat([makeSubjectKey().spki, Buffer.of(0)]))],
  ];
  it.each(invalidKeys)('refuses %s with 400 invalid_public_key', async (_label, publicKey) => {
    const answer = await post(JSON.stringify({...organizationBody('bad-key-org'), public_key: publicKey}));
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({error: 'invalid_public_key'});
  });

  it('refuses an extra field with 400 bad_request', async () => {
    const answer = await post(JSON.stringify({...organizationBody('extra'), admin: true}));
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({error: 'bad_request'});
    expect(context.db.findSubject('extra', 'bob')).toBeUndefined();
  });

  const badFields: Array<[string, Record<string, unknown>]> = [
    ['a missing field', {email: undefined}],
    ['a number instead of a string (no coercion)', {organization: 12345}],
    ['an empty organization', {organization: ''}],
    ['a 65-character organization', {organization: 'o'.repeat(65)}],
    ['a control character in the username', {username: 'bo\u0000b'}],
    ['a newline in the organization', {organization: 'acme\nroot'}],
    ['a 129-character full name', {full_name: 'n'.repeat(129)}],
    ['an e-mail without @', {email: 'bob.example.org'}],
    ['a 401-character public key', {public_key: 'A'.repeat(401)}],
  ];
  it.each(badFields)('refuses %s with 400 bad_request', async (_label, change) => {
    const answer = await post(JSON.stringify({...organizationBody('fields'), ...change}));
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({error: 'bad_request'});
  });

  it('accepts a 64-character organization name and non-ASCII names', async () => {
    expect((await post(JSON.stringify(organizationBody('o'.repeat(64))))).status).toBe(201);
    expect((await post(JSON.stringify(organizationBody('Zürich Ünïcode', 'zoë')))).status).toBe(201);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/jsonp', 'multipart/form-data'])(
    'refuses content type %s with 415',
    async (type) => {
      const answer = await post(JSON.stringify(organizationBody('typed')), {'content-type': type});
      expect(answer.status).toBe(415);
      expect(answer.json()).toMatchObject({error: 'unsupported_media_type'});
    },
  );

  it('refuses a body without a content type with 415, and no body at all with 400', async () => {
    const untyped = await post(JSON.stringify(organizationBody('untyped')), {});
    expect(untyped.status).toBe(415);
    expect(untyped.json()).toMatchObject({error: 'unsupported_media_type'});
    const empty = await post('', {});
    expect(empty.status).toBe(400);
    expect(empty.json()).toMatchObject({error: 'bad_request'});
  });

  it('accepts application/json with a charset', async () => {
    const answer = await post(JSON.stringify(organizationBody('charset')), {'content-type': 'application/json; charset=utf-8'});
    expect(answer.status).toBe(201);
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const answer = await post(JSON.stringify({...organizationBody('big'), full_name: 'x'.repeat(17 * 1024)}));
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({error: 'payload_too_large'});
  });

  it.each([['malformed JSON', '{"organization": '], ['an empty body', ''], ['a prototype-poisoning body', '{"__proto__": {"x": 1}}']])(
    'refuses %s with 400',
    async (_label, payload) => {
      const answer = await post(payload);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.json().error).toMatch(/^(malformed_json|bad_request)$/);
    },
  );

  it('refuses a JSON array or string body with 400', async () => {
    expect((await post('[]')).status).toBe(400);
    expect((await post('"text"')).status).toBe(400);
  });

  it('answers unknown routes and methods with 404 JSON', async () => {
    for (const [method, path] of [['GET', '/nowhere'], ['DELETE', '/v2/organizations'], ['GET', '/v2/organizations/acme']] as const) {
      const answer = await get(path, method);
      expect(answer.status).toBe(404);
      expect(answer.json()).toEqual({error: 'not_found', message: 'no such route'});
    }
  });

  it('gives the repository key and fingerprint, and health', async () => {
    const repository = await get('/v2/repository');
    expect(repository.json()).toEqual({public_key: context.repository.publicKeyPem, fingerprint: context.repository.fingerprint});
    expect((await get('/v2/health')).json()).toEqual({ok: true});
  });

  it('passes deliberate errors through and hides unexpected ones', async () => {
    const deliberate = await get('/test/deliberate');
    expect(deliberate.status).toBe(403);
    expect(deliberate.json()).toEqual({error: 'forbidden_thing', message: 'you may not'});
    const boom = await get('/test/boom');
    expect(boom.status).toBe(500);
    expect(boom.json()).toEqual({error: 'internal_error', message: 'internal error'});
    expect(boom.body).not.toContain('secret');
  });
});
