import fc from 'fast-check';
import {toBase64Url} from '../../src/crypto/bytes.js';

/**
 * Shared value generators of the fuzzer: random bytes and base64, base64url a strict decoder refuses, values
 * of the wrong JSON type, bad names and timestamps, and the `Field` (a body key with good and bad values) that
 * the route tables, mutations and deep modes are built from.
 */

export const bytes = (min: number, max: number) => fc.uint8Array({minLength: min, maxLength: max});
export const b64uOf = (length: number) => bytes(length, length).map(toBase64Url);
export const b64Of = (min: number, max: number) => bytes(min, max).map((b) => Buffer.from(b).toString('base64'));
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

export const goodName = fc.stringMatching(/^[a-z][a-z0-9-]{2,15}$/);

/** Timestamps: valid, stale, future, negative, fractional, huge. */
export const timestamp = fc.oneof(
  fc.integer({min: -120_000, max: 30_000}).map((d) => Date.now() + d),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e300, Number.MAX_SAFE_INTEGER),
  wrongType,
);

/** A field of a route's body: a good value and bad ones. */
export interface Field {
  readonly key: string;
  readonly good: fc.Arbitrary<unknown>;
  readonly bad: fc.Arbitrary<unknown>;
}

export const field = (key: string, good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>): Field => ({key, good, bad: fc.oneof({arbitrary: bad, weight: 3}, {arbitrary: wrongType, weight: 1})});
export const b64uField = (key: string, length: number) => field(key, b64uOf(length), badB64u(length));
