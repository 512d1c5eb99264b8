import fc from 'fast-check';
import type {Body, FuzzCase} from './fuzz-case-types.js';
import {contentType, garbageBody, valueBody} from './fuzz-bodies.js';
import {mutatedObject} from './fuzz-mutations.js';
import type {RouteFields} from './fuzz-route-fields.js';
import type {Field} from './fuzz-values.js';

/**
 * Plain HTTP request cases: one bad request to each route of both suites (the v2 routes, the classic key
 * exchanges and roles), with the route's method and path mostly (sometimes another method, a query, odd case
 * or bad percent-encoding), unusual extra headers, a content type, and a body from the route's fields or garbage.
 */

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  {arbitrary: fc.constant({}), weight: 12},
  {
    arbitrary: fc.constantFrom<Record<string, string>>(
      {'content-encoding': 'gzip'}, {accept: 'text/html'}, {accept: ''}, {'x-forwarded-for': '1.2.3.4'}, {'accept-version': '9'},
      {'content-type-options': 'x'}, {connection: 'close'}, {'user-agent': 'x'.repeat(4000)}, {cookie: 'a=b'.repeat(100)},
    ),
    weight: 1,
  },
);

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** The route's own method mostly, another one sometimes. */
const methodFor = (method: string) => fc.oneof({arbitrary: fc.constant(method), weight: 14}, {arbitrary: fc.constantFrom(...METHODS), weight: 1});

/** The route's path mostly; sometimes with a query, a trailing slash, odd case, bad percent-encoding. */
const pathFor = (path: string) => fc.oneof(
  {arbitrary: fc.constant(path), weight: 20},
  {
    arbitrary: fc.constantFrom(`${path}/`, path.toUpperCase(), `/${path}`, `${path}%`, `${path}%zz`, `${path}?a=%zz`, `${path}?${'q'.repeat(3000)}`,
      `${path}%00`, `${path};x`, `${path}/..`, `${path}?__proto__[x]=1`),
    weight: 2,
  },
  {arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 30}).map((q) => `${path}?${encodeURIComponent(q)}`), weight: 1},
);

/** A plain request to a route from a JSON body generator. */
function httpRoute(route: string, method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<Body>): fc.Arbitrary<FuzzCase> {
  return fc.record({
    kind: fc.constant<'http'>('http'), route: fc.constant(route), method: methodFor(method), path, contentType, extraHeaders,
    body: fc.oneof({arbitrary: body, weight: 5}, {arbitrary: garbageBody, weight: 1}),
  });
}

/** A plain bad request to every route of both suites, weighted. */
export function httpCases(f: RouteFields): Array<fc.WeightedArbitrary<FuzzCase>> {
  const http = (route: string, method: string, path: string, fields: readonly Field[]) =>
    httpRoute(route, method, pathFor(path), valueBody(mutatedObject(fields)));
  const noBody = (route: string, path: string) => httpRoute(route, 'GET', pathFor(path), fc.oneof(fc.constant<Body>({kind: 'none'}), valueBody(fc.jsonValue({maxDepth: 2}))));
  const rolesPath = fc.oneof(
    {arbitrary: fc.integer({min: 0, max: 2000}).map((id) => `/organizations/fuzz/sessions/${id}/roles`), weight: 6},
    {
      arbitrary: fc.constantFrom('/organizations/%zz/sessions/1/roles', `/organizations/${'o'.repeat(150)}/sessions/1/roles`, '/organizations/a/sessions/-1/roles',
        '/organizations/a/sessions/1e9/roles', '/organizations/a/sessions/abc/roles', '/organizations//sessions//roles', '/organizations/a%2Fb/sessions/1/roles',
        `/organizations/a/sessions/${'9'.repeat(400)}/roles`),
      weight: 1,
    },
  );
  return [
    {arbitrary: http('POST /v2/session/a0', 'POST', '/v2/session/a0', f.a0), weight: 10},
    {arbitrary: http('POST /v2/session/a1', 'POST', '/v2/session/a1', f.a1), weight: 8},
    {arbitrary: http('POST /v2/session/a3', 'POST', '/v2/session/a3', f.a3), weight: 6},
    {arbitrary: http('POST /v2/whoami', 'POST', '/v2/whoami', f.whoami), weight: 6},
    {arbitrary: http('POST /v2/organizations', 'POST', '/v2/organizations', f.organization), weight: 8},
    {arbitrary: noBody('GET /v2/organizations', '/v2/organizations'), weight: 2},
    {arbitrary: noBody('GET /v2/repository', '/v2/repository'), weight: 1},
    {arbitrary: noBody('GET /v2/health', '/v2/health'), weight: 1},
    {arbitrary: http('POST /sessions (phase 1)', 'POST', '/sessions', f.keyExchange), weight: 4},
    {arbitrary: http('POST /sessions (phase 2)', 'POST', '/sessions', f.anonymous), weight: 6},
    {arbitrary: http('POST /organizations (phase 1)', 'POST', '/organizations', f.keyExchange), weight: 2},
    {arbitrary: http('POST /organizations (phase 2)', 'POST', '/organizations', f.anonymous), weight: 4},
    {arbitrary: http('GET /organizations (phase 1)', 'GET', '/organizations', f.keyExchange), weight: 2},
    {arbitrary: http('GET /organizations (phase 2)', 'GET', '/organizations', f.anonymous), weight: 4},
    {arbitrary: httpRoute('GET roles', 'GET', rolesPath, valueBody(mutatedObject(f.roles))), weight: 8},
  ];
}
