import fc from 'fast-check';
import {toBase64Url} from '../../src/crypto/bytes.js';
import type {FuzzMaterial} from './fuzz-material.js';
import {b64Of, b64uField, badB64u, badName, bytes, field, goodName, timestamp, wrongType} from './fuzz-values.js';

/**
 * The body fields of every route of both suites (and of the plaintexts sealed inside them), each with good
 * and bad values: the v2 handshake, whoami and organization bodies, and the classic key exchange, anonymous
 * envelope, session, organization and roles bodies.
 */

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

/** Every route's fields, as {@link routeFields} makes them. */
export type RouteFields = ReturnType<typeof routeFields>;
