import fc from 'fast-check';
import type {Body, Encoding} from './fuzz-case-types.js';
import {bytes} from './fuzz-values.js';

/**
 * Request bodies and their content types: how a JSON value goes on the wire (mostly plain JSON; sometimes
 * truncated, with trailing garbage, a BOM, invalid UTF-8 or a duplicate key), bodies that are no JSON at all,
 * the content types sent with them, and the encoding of a body to the bytes actually sent.
 */

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

export const valueBody = (value: fc.Arbitrary<unknown>) => fc.tuple(value, encoding).map(([v, e]): Body => ({kind: 'value', value: v, encoding: e}));

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
