import fc from 'fast-check';
import type {Body, ClassicPhase2Mode, DeepMode, FuzzCase} from './fuzz-case-types.js';
import {contentType, garbageBody} from './fuzz-bodies.js';
import type {FuzzMaterial} from './fuzz-material.js';
import {mutatedObject, mutations} from './fuzz-mutations.js';
import type {RouteFields} from './fuzz-route-fields.js';
import {bytes, wrongType, type Field} from './fuzz-values.js';

/**
 * The deep scenario cases of both suites (valid requests that reach a deep state, then one bad request: a bad
 * v2 A1, A3 or whoami, a bad classic phase 2 or roles request), and what is done to that last request: mutate
 * its fields, flip a bit of or truncate a binary field, replay it, replace its body, or send a chosen plaintext
 * sealed correctly.
 */

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

/** The deep scenarios of both suites, weighted. */
export function deepCases(f: RouteFields, m: FuzzMaterial): Array<fc.WeightedArbitrary<FuzzCase>> {
  return [
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
}
