import fc from 'fast-check';
import {toBase64Url} from '../../src/crypto/bytes.js';
import type {FuzzMaterial} from './fuzz-material.js';

/**
 * The fuzzer's generators (fast-check): each case is data describing one bad request (or a short scenario
 * whose last request is bad), so a failure prints exactly what was sent. `fuzz-runner.ts` performs them.
 */

/** One change to a JSON object: drop a key, set a key to a (bad) value, add an unknown key, or rename a key. */
export type Mutation =
  | {readonly op: 'drop'; readonly key: string}
  | {readonly op: 'set'; readonly key: string; readonly value: unknown}
  | {readonly op: 'add'; readonly key: string; readonly value: unknown}
  | {readonly op: 'rename'; readonly key: string; readonly to: string};

/** How a JSON body goes on the wire. */
export type Encoding =
  | {readonly kind: 'json'}
  | {readonly kind: 'truncated'; readonly keep: number}
  | {readonly kind: 'trailing'; readonly garbage: string}
  | {readonly kind: 'bom'}
  | {readonly kind: 'bad-utf8'; readonly at: number}
  | {readonly kind: 'duplicate-key'};

/** A body: a value encoded somehow, or bytes that are no JSON at all. */
export type Body =
  | {readonly kind: 'value'; readonly value: unknown; readonly encoding: Encoding}
  | {readonly kind: 'bytes'; readonly bytes: Uint8Array}
  | {readonly kind: 'text'; readonly text: string}
  | {readonly kind: 'none'};

/** A plain HTTP request to one route. */
export interface HttpCase {
  readonly kind: 'http';
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** Undefined: no content-type header. */
  readonly contentType: string | undefined;
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly body: Body;
}

/** Raw bytes on a TCP connection: broken HTTP. */
export interface SocketCase {
  readonly kind: 'socket';
  readonly route: 'raw-socket';
  readonly bytes: Uint8Array;
  readonly close: 'end' | 'abort';
}

/** What is done to the last request of a scenario that starts with real, valid requests. */
export type DeepMode =
  | {readonly mode: 'mutate'; readonly mutations: readonly Mutation[]}
  | {readonly mode: 'flip'; readonly field: string; readonly bit: number}
  | {readonly mode: 'truncate'; readonly field: string; readonly keep: number}
  | {readonly mode: 'replay'}
  | {readonly mode: 'plaintext'; readonly plaintext: Body}
  | {readonly mode: 'body'; readonly body: Body; readonly contentType: string | undefined};

/**
 * A scenario: valid requests that reach a deep state, then one bad request.
 * - `v2-a1`: a real A0, then a bad A1 on that channel (`plaintext`: a chosen plaintext sealed correctly).
 * - `v2-a3`: a real A0 and A1 (the A2 answer verified), then a bad A3.
 * - `v2-whoami`: a bad request over a real session (`sequence`, `wrong-key`, `wrong-path` extras below).
 * - `classic-phase2`: a real phase 1 of `/sessions`, `POST /organizations` or `GET /organizations`, then a
 *   bad phase 2 (`plaintext`: chosen plaintext encrypted under K_anon; `signed`: a subject-signed session
 *   request whose `public_key` is bad).
 * - `classic-roles`: a bad authenticated request over a real classic session.
 */
export type DeepCase =
  | {readonly kind: 'v2-a1'; readonly route: 'v2 A1 (after a real A0)'; readonly how: DeepMode}
  | {readonly kind: 'v2-a3'; readonly route: 'v2 A3 (after real A0, A1)'; readonly how: DeepMode}
  | {readonly kind: 'v2-whoami'; readonly route: 'v2 whoami (real session)'; readonly how: DeepMode | {readonly mode: 'sequence'; readonly sequence: unknown} | {readonly mode: 'wrong-key'} | {readonly mode: 'wrong-path'}}
  | {
      readonly kind: 'classic-phase2'; readonly route: string; readonly exchange: 'sessions' | 'org-create' | 'org-list';
      readonly how: ClassicPhase2Mode;
    }
  | {
      readonly kind: 'classic-roles'; readonly route: 'classic roles (real session)';
      readonly how: DeepMode | {readonly mode: 'fields'; readonly counter: unknown; readonly nonce: unknown; readonly sessionId: unknown; readonly organization: string};
    };

/** The last request of a classic phase 2 scenario. */
export type ClassicPhase2Mode = DeepMode | {readonly mode: 'signed'; readonly publicKey: string};

export type FuzzCase = HttpCase | SocketCase | DeepCase;

// ---------------------------------------------------------------------------------------------- values

const bytes = (min: number, max: number) => fc.uint8Array({minLength: min, maxLength: max});
const b64uOf = (length: number) => bytes(length, length).map(toBase64Url);
const b64Of = (min: number, max: number) => bytes(min, max).map((b) => Buffer.from(b).toString('base64'));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url that a strict decoder refuses, or of the wrong length, for a field of `length` bytes. */
export function badB64u(length: number): fc.Arbitrary<string> {
  const insert = (chars: string[]) => fc.tuple(b64uOf(length), fc.constantFrom(...chars), fc.nat()).map(([s, c, i]) => {
    const at = s.length === 0 ? 0 : i % s.length;
    return s.slice(0, at) + c + s.slice(at + 1);
  });
  return fc.oneof(
    bytes(length, length).map((b) => Buffer.from(b).toString('base64')),
    b64uOf(length).map((s) => `${s}=`),
    b64uOf(length).map((s) => `${s}==`),
    b64uOf(length).map((s) => `${s}A`),
    insert(['+', '/', ' ', '\n', '.', '%', '\u00e9', '\u0000', '=', '\ud800']),
    b64uOf(length).map((s) => {
      // Non-canonical: set the unused low bits of the last character (a no-op when there are none).
      const last = ALPHABET.indexOf(s.at(-1) ?? 'A');
      return s.length === 0 ? 'AB' : s.slice(0, -1) + ALPHABET[last | 1];
    }),
    fc.integer({min: 0, max: length * 2 + 8}).filter((n) => n !== length).chain(b64uOf),
    fc.constant(''),
    fc.string({unit: 'binary', maxLength: 40}),
    fc.integer({min: 1000, max: 20_000}).map((n) => 'A'.repeat(n)),
  );
}

/** A value of the wrong JSON type (or a number a strict parser refuses). */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({noNaN: true, noDefaultInfinity: true}),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e300, Number.MAX_SAFE_INTEGER),
  fc.string({maxLength: 20}),
  fc.array(fc.integer(), {maxLength: 4}),
  fc.jsonValue({maxDepth: 2}),
  fc.constant({}),
  fc.constant([]),
);

/** A name the v2 schema or the classic server refuses or that is unusual (empty, long, control characters, lone surrogates). */
export const badName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(''),
  fc.integer({min: 65, max: 300}).map((n) => 'n'.repeat(n)),
  fc.integer({min: 1000, max: 20_000}).map((n) => 'x'.repeat(n)),
  fc.constantFrom('a\u0000b', 'tab\there', 'nl\n', '\u007f', '\u0085', '\ud800', 'a\udc00b', ' ', '../..', '%00', 'alice', 'acme', 'org/with/slash'),
  fc.string({unit: 'binary', minLength: 1, maxLength: 70}),
  wrongType,
);

const goodName = fc.stringMatching(/^[a-z][a-z0-9-]{2,15}$/);

/** Timestamps: valid, stale, future, negative, fractional, huge. */
const timestamp = fc.oneof(
  fc.integer({min: -120_000, max: 30_000}).map((d) => Date.now() + d),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e300, Number.MAX_SAFE_INTEGER),
  wrongType,
);

/** A field of a route's body: a good value and bad ones. */
interface Field {
  readonly key: string;
  readonly good: fc.Arbitrary<unknown>;
  readonly bad: fc.Arbitrary<unknown>;
}

const field = (key: string, good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>): Field => ({key, good, bad: fc.oneof({arbitrary: bad, weight: 3}, {arbitrary: wrongType, weight: 1})});
const b64uField = (key: string, length: number) => field(key, b64uOf(length), badB64u(length));

/** Mutations of an object with these fields (at least one). */
function mutations(fields: readonly Field[]): fc.Arbitrary<Mutation[]> {
  const keys = fields.map((f) => f.key);
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    {arbitrary: fc.constantFrom(...keys).map((key): Mutation => ({op: 'drop', key})), weight: 2},
    {arbitrary: fc.oneof(...fields.map((f) => f.bad.map((value): Mutation => ({op: 'set', key: f.key, value})))), weight: 7},
    {
      arbitrary: fc.tuple(fc.oneof(fc.string({maxLength: 12}), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'data', 'public_key', 'extra')), fc.jsonValue({maxDepth: 2}))
        .map(([key, value]): Mutation => ({op: 'add', key, value})),
      weight: 2,
    },
    {arbitrary: fc.tuple(fc.constantFrom(...keys), fc.constantFrom('upper', 'space', 'suffix')).map(([key, how]): Mutation => ({op: 'rename', key, to: how === 'upper' ? key.toUpperCase() : how === 'space' ? ` ${key}` : `${key}_`})), weight: 1},
  );
  return fc.array(one, {minLength: 1, maxLength: 3});
}

/** Applies mutations to a copy of an object (keys added with defineProperty, so `__proto__` stays a key). */
export function applyMutations(object: Record<string, unknown>, changes: readonly Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) Object.defineProperty(out, key, {value, enumerable: true, writable: true, configurable: true});
  const put = (key: string, value: unknown) => Object.defineProperty(out, key, {value, enumerable: true, writable: true, configurable: true});
  for (const change of changes) {
    if (change.op === 'drop') delete out[change.key];
    else if (change.op === 'rename') {
      if (Object.hasOwn(out, change.key)) {
        put(change.to, out[change.key]);
        delete out[change.key];
      }
    } else put(change.key, change.value);
  }
  return out;
}

/** A good object of these fields with one to three mutations. */
const mutatedObject = (fields: readonly Field[]) =>
  fc.tuple(fc.record(Object.fromEntries(fields.map((f) => [f.key, f.good]))), mutations(fields)).map(([good, changes]) => applyMutations(good as Record<string, unknown>, changes));

/** How a JSON value is put on the wire (mostly plain JSON). */
const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  {arbitrary: fc.constant<Encoding>({kind: 'json'}), weight: 20},
  {arbitrary: fc.nat({max: 400}).map((keep): Encoding => ({kind: 'truncated', keep})), weight: 3},
  {arbitrary: fc.constantFrom(',', '}', ']', 'x', '\u0000', ' {}', '\n\n{"a":1}').map((garbage): Encoding => ({kind: 'trailing', garbage})), weight: 1},
  {arbitrary: fc.constant<Encoding>({kind: 'bom'}), weight: 1},
  {arbitrary: fc.nat({max: 200}).map((at): Encoding => ({kind: 'bad-utf8', at})), weight: 1},
  {arbitrary: fc.constant<Encoding>({kind: 'duplicate-key'}), weight: 1},
);

/** Bodies that are not JSON, or JSON of unusual shape and size. */
export const garbageBody: fc.Arbitrary<Body> = fc.oneof(
  bytes(0, 600).map((b): Body => ({kind: 'bytes', bytes: b})),
  fc.string({unit: 'binary', maxLength: 200}).map((text): Body => ({kind: 'text', text})),
  fc.tuple(fc.integer({min: 50, max: 7000}), fc.constantFrom('[', '{"a":', '{"data":')).map(([depth, open]): Body => ({
    kind: 'text', text: open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth),
  })),
  // Deep nesting where a field is turned into text (the classic roles route names the session id in its answer).
  fc.tuple(fc.integer({min: 50, max: 5000}), fc.constantFrom('session_id', 'public_key', 'client_ephemeral_public_key', 'message')).map(([depth, key]): Body => ({
    kind: 'text', text: `{"data":{"message":"","iv":""},"signature":"","${key}":${'['.repeat(depth)}${']'.repeat(depth)}}`,
  })),
  fc.integer({min: 16_000, max: 40_000}).map((n): Body => ({kind: 'text', text: JSON.stringify({version: 'x'.repeat(n)})})),
  fc.constantFrom('', ' ', 'null', '[]', '{}', '""', '0', 'true', '{"a":1e999}', '{"a":-0}', '{"a":1E400,"b":[]}', '\ufeff{}', 'NaN', '{\'a\':1}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}')
    .map((text): Body => ({kind: 'text', text})),
  fc.jsonValue({maxDepth: 3}).map((value): Body => ({kind: 'value', value, encoding: {kind: 'json'}})),
  fc.constant<Body>({kind: 'none'}),
);

const valueBody = (value: fc.Arbitrary<unknown>) => fc.tuple(value, encoding).map(([v, e]): Body => ({kind: 'value', value: v, encoding: e}));

/** Content types: mostly JSON, sometimes another type, a charset, odd case, or none. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  {arbitrary: fc.constant('application/json'), weight: 30},
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1', 'application/json;charset=utf-16',
      'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx',
      'application/json-patch+json', 'text/json', '', 'application/*', '*/*', 'application/octet-stream', 'application/json; x=";"',
    ),
    weight: 6,
  },
  {arbitrary: fc.constant(undefined), weight: 3},
  {arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 30}).filter((s) => s.trim() === s), weight: 1},
);

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

// ------------------------------------------------------------------------------------------ the routes

/** The fields of every route's JSON body (or plaintext), with good and bad values. */
export function routeFields(m: FuzzMaterial) {
  const point = field('client_ephemeral', fc.constantFrom(...m.points), fc.oneof(fc.constantFrom(...m.badPoints), badB64u(65)));
  return {
    a0: [
      field('version', fc.constant('rep-v2/1'), fc.oneof(fc.constantFrom('rep-v2/0', 'rep-v2/1 ', 'REP-V2/1', 'rep-v1', ''), fc.string({maxLength: 40}))),
      point, b64uField('client_nonce', 32), field('timestamp', fc.integer({min: -30_000, max: 5000}).map((d) => Date.now() + d), timestamp),
    ],
    a1: [b64uField('channel_id', 16), b64uField('iv', 12), field('ciphertext', bytes(0, 300).map(toBase64Url), badB64u(200)), b64uField('tag', 16)],
    a1Plaintext: [
      field('session_public_key', fc.constantFrom(...m.points), fc.oneof(fc.constantFrom(...m.badPoints), badB64u(65))),
      field('organization', fc.oneof(fc.constant('acme'), goodName), badName),
      field('username', fc.oneof(fc.constant('alice'), goodName), badName),
      b64uField('signature', 64),
    ],
    a3: [b64uField('session_id', 16), b64uField('finished', 32)],
    whoami: [
      b64uField('session_id', 16), field('sequence', fc.integer({min: 1, max: 2 ** 31}), fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e300, '1')),
      field('ciphertext', bytes(0, 64).map(toBase64Url), badB64u(32)), b64uField('tag', 16),
    ],
    organization: [
      field('organization', goodName, badName), field('username', goodName, badName),
      field('full_name', fc.constant('Fuzz Name'), badName),
      field('email', fc.constant('fuzz@example.org'), fc.oneof(fc.constantFrom('no-at-sign', 'a@b', '@x.y', 'a b@c.d', 'a@b.c\u0000', `${'e'.repeat(260)}@x.org`), badName)),
      field('public_key', fc.constantFrom(...m.spkis), fc.oneof(fc.constantFrom(...m.badSpkis), badB64u(91), fc.integer({min: 401, max: 5000}).map((n) => 'A'.repeat(n)))),
    ],
    keyExchange: [field('public_key', fc.constantFrom(...m.pems), fc.oneof(fc.constantFrom(...m.badPems), b64Of(0, 400), fc.string({maxLength: 50})))],
    anonymous: [
      field('client_ephemeral_public_key', fc.constantFrom(...m.pems), fc.oneof(fc.constantFrom(...m.badPems), fc.string({maxLength: 30}))),
      field('message', b64Of(16, 64), fc.oneof(b64Of(1, 15), fc.string({maxLength: 30}), fc.constant(''))),
      field('iv', b64Of(16, 16), fc.oneof(b64Of(0, 32), fc.string({maxLength: 30}))),
    ],
    sessionPlaintext: [
      field('data', fc.record({public_key: fc.constantFrom(...m.pems), organization: goodName, username: goodName}),
        fc.oneof(wrongType, fc.record({public_key: fc.oneof(fc.constantFrom(...m.badPems), wrongType), organization: badName, username: badName}))),
      field('signature', b64Of(0, 140), fc.oneof(wrongType, fc.string({maxLength: 30}))),
    ],
    organizationPlaintext: [
      field('organization', goodName, badName), field('username', goodName, badName), field('name', fc.constant('Fuzz'), badName),
      field('email', fc.constant('fuzz@example.org'), badName), field('public_key', fc.constantFrom(...m.pems), fc.oneof(fc.constantFrom(...m.badPems), wrongType)),
    ],
    roles: [
      field('data', fc.record({message: b64Of(16, 64), iv: b64Of(16, 16)}), fc.oneof(wrongType, fc.record({message: wrongType, iv: wrongType}))),
      field('signature', b64Of(32, 32), fc.oneof(wrongType, fc.string({maxLength: 50}))),
      field('session_id', fc.integer({min: 1, max: 1000}), fc.oneof(wrongType, fc.constantFrom(0, -1, 1.5, 1e300, '1', [1], [[[[1]]]], {id: 1}, {toString: 1}))),
    ],
  };
}

/** Plaintexts to seal on a real channel: chosen JSON (mostly near-valid), non-JSON bytes, invalid UTF-8. */
function plaintexts(fields: readonly Field[]): fc.Arbitrary<Body> {
  return fc.oneof(
    {arbitrary: mutatedObject(fields).map((value): Body => ({kind: 'value', value, encoding: {kind: 'json'}})), weight: 6},
    {arbitrary: fc.jsonValue({maxDepth: 3}).map((value): Body => ({kind: 'value', value, encoding: {kind: 'json'}})), weight: 2},
    {arbitrary: bytes(0, 300).map((b): Body => ({kind: 'bytes', bytes: b})), weight: 1},
    {arbitrary: fc.integer({min: 50, max: 800}).map((depth): Body => ({kind: 'text', text: '{"data":'.repeat(depth) + '{}' + '}'.repeat(depth)})), weight: 1},
    {arbitrary: fc.constantFrom('', '{', 'null', '\ufeff{}', '{"a":1e999}').map((text): Body => ({kind: 'text', text})), weight: 1},
  );
}

/** A bad last request of a scenario whose body has these fields (and may carry a chosen plaintext). */
function deepMode(fields: readonly Field[], flippable: readonly string[], sealed?: readonly Field[]): fc.Arbitrary<DeepMode> {
  const modes: Array<fc.WeightedArbitrary<DeepMode>> = [
    {arbitrary: mutations(fields).map((m): DeepMode => ({mode: 'mutate', mutations: m})), weight: 3},
    {arbitrary: fc.tuple(fc.constantFrom(...flippable), fc.nat({max: 4000})).map(([f, bit]): DeepMode => ({mode: 'flip', field: f, bit})), weight: 3},
    {arbitrary: fc.tuple(fc.constantFrom(...flippable), fc.nat({max: 40})).map(([f, keep]): DeepMode => ({mode: 'truncate', field: f, keep})), weight: 1},
    {arbitrary: fc.constant<DeepMode>({mode: 'replay'}), weight: 1},
    {arbitrary: fc.tuple(garbageBody, contentType).map(([body, type]): DeepMode => ({mode: 'body', body, contentType: type})), weight: 1},
  ];
  if (sealed) modes.push({arbitrary: plaintexts(sealed).map((plaintext): DeepMode => ({mode: 'plaintext', plaintext})), weight: 5});
  return fc.oneof(...modes);
}

/** Broken HTTP on a raw connection. */
const socketCase: fc.Arbitrary<FuzzCase> = fc.record({
  kind: fc.constant<'socket'>('socket'),
  route: fc.constant<'raw-socket'>('raw-socket'),
  close: fc.constantFrom<'end' | 'abort'>('end', 'abort'),
  bytes: fc.oneof(
    bytes(1, 800),
    fc.constantFrom(
      'GET /v2/health HTTP/1.1\r\nHost: x\r\n',
      'POST /v2/session/a0 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"version":',
      'GET /organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"public',
      'POST /sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /v2/session/a1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}',
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      'G\u0000T /v2/health HTTP/1.1\r\n\r\n',
      'GET /v2/health HTTP/9.9\r\nHost: x\r\n\r\n',
      `GET /v2/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      'GET /v2/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v2/repository HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n',
      'POST /v2/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
      'GET /organizations/a/sessions/1/roles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"dat\r\n',
      '\r\n\r\n\r\n',
    ).map((text) => Buffer.from(text, 'latin1') as Uint8Array),
  ),
});

/** Every route of both suites with its generator, and the deep scenarios, weighted. */
export function fuzzCase(m: FuzzMaterial): fc.Arbitrary<FuzzCase> {
  const f = routeFields(m);
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
  const cases: Array<fc.WeightedArbitrary<FuzzCase>> = [
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
    {arbitrary: socketCase, weight: 1},
    {arbitrary: deepMode(f.a1, ['iv', 'ciphertext', 'tag', 'channel_id'], f.a1Plaintext).map((how): FuzzCase => ({kind: 'v2-a1', route: 'v2 A1 (after a real A0)', how})), weight: 6},
    {arbitrary: deepMode(f.a3, ['finished', 'session_id']).map((how): FuzzCase => ({kind: 'v2-a3', route: 'v2 A3 (after real A0, A1)', how})), weight: 2},
    {
      arbitrary: fc.oneof(
        {arbitrary: deepMode(f.whoami, ['ciphertext', 'tag', 'session_id']), weight: 4},
        {arbitrary: fc.oneof(fc.constantFrom(0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, '2'), wrongType).map((sequence) => ({mode: 'sequence' as const, sequence})), weight: 1},
        {arbitrary: fc.constantFrom({mode: 'wrong-key' as const}, {mode: 'wrong-path' as const}), weight: 1},
      ).map((how): FuzzCase => ({kind: 'v2-whoami', route: 'v2 whoami (real session)', how})),
      weight: 4,
    },
    {
      arbitrary: fc.constantFrom<'sessions' | 'org-create' | 'org-list'>('sessions', 'sessions', 'org-create', 'org-list').chain((exchange) => {
        const sealed = exchange === 'sessions' ? f.sessionPlaintext : exchange === 'org-create' ? f.organizationPlaintext : f.a1Plaintext;
        const modes: Array<fc.WeightedArbitrary<ClassicPhase2Mode>> = [{arbitrary: deepMode(f.anonymous, ['message', 'iv', 'client_ephemeral_public_key'], sealed), weight: 5}];
        if (exchange === 'sessions') modes.push({arbitrary: fc.constantFrom(...m.badPems, ...m.badPoints).map((publicKey): ClassicPhase2Mode => ({mode: 'signed', publicKey})), weight: 1});
        return fc.oneof(...modes).map((how): FuzzCase => ({kind: 'classic-phase2', route: `classic ${exchange} phase 2 (after a real phase 1)`, exchange, how}));
      }),
      weight: 3,
    },
    {
      arbitrary: fc.oneof(
        {arbitrary: deepMode(f.roles, ['signature', 'data']), weight: 2},
        {
          arbitrary: fc.record({
            mode: fc.constant('fields' as const),
            counter: fc.oneof(fc.constantFrom(0, 1, -1, 1.5, 1e300, '9', null, undefined), wrongType, fc.integer({min: 1, max: 2 ** 40})),
            nonce: fc.oneof(fc.constant(undefined), fc.constant(null), wrongType, fc.constant('real')),
            sessionId: fc.oneof(fc.constant('real'), wrongType, fc.constant(undefined)),
            organization: fc.oneof(fc.constant('real'), fc.constantFrom('acme', 'other', '%zz', 'real/x')),
          }),
          weight: 3,
        },
      ).map((how): FuzzCase => ({kind: 'classic-roles', route: 'classic roles (real session)', how})),
      weight: 3,
    },
  ];
  return fc.oneof(...cases);
}

/** Encodes a body to bytes (undefined: send no body). */
export function encodeBody(body: Body): Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'bytes':
      return Buffer.from(body.bytes);
    case 'text':
      return Buffer.from(body.text, 'utf8');
    case 'value': {
      const text = JSON.stringify(body.value) ?? 'undefined';
      const e = body.encoding;
      switch (e.kind) {
        case 'json':
          return Buffer.from(text, 'utf8');
        case 'truncated':
          return Buffer.from(text.slice(0, Math.min(e.keep, Math.max(0, text.length - 1))), 'utf8');
        case 'trailing':
          return Buffer.from(text + e.garbage, 'utf8');
        case 'bom':
          return Buffer.from(`\ufeff${text}`, 'utf8');
        case 'bad-utf8': {
          const raw = Buffer.from(text, 'utf8');
          const at = raw.length === 0 ? 0 : e.at % raw.length;
          return Buffer.concat([raw.subarray(0, at), Buffer.of(0xff, 0xc3), raw.subarray(at)]);
        }
        case 'duplicate-key':
          return Buffer.from(text.startsWith('{') && text.length > 2 ? `{"x":1,"x":2,${text.slice(1)}` : text, 'utf8');
      }
    }
  }
}
