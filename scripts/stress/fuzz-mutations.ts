import fc from 'fast-check';
import type {Mutation} from './fuzz-case-types.js';
import type {Field} from './fuzz-values.js';

/**
 * Mutations of JSON objects: generating one to three changes (drop, set a bad value, add an unknown key,
 * rename) for an object of given fields, applying them to a copy, and a good object with its mutations.
 */

/** Mutations of an object with these fields (at least one). */
export function mutations(fields: readonly Field[]): fc.Arbitrary<Mutation[]> {
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
export const mutatedObject = (fields: readonly Field[]) =>
  fc.tuple(fc.record(Object.fromEntries(fields.map((f) => [f.key, f.good]))), mutations(fields)).map(([good, changes]) => applyMutations(good as Record<string, unknown>, changes));
