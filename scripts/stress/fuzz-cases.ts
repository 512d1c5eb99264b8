import fc from 'fast-check';
import type {FuzzCase} from './fuzz-case-types.js';
import {deepCases} from './fuzz-deep-cases.js';
import {httpCases} from './fuzz-http-cases.js';
import type {FuzzMaterial} from './fuzz-material.js';
import {socketCase} from './fuzz-raw-http-cases.js';
import {routeFields} from './fuzz-route-fields.js';

/**
 * The fuzzer's generators (fast-check): each case is data describing one bad request (or a short scenario
 * whose last request is bad), so a failure prints exactly what was sent. `fuzz-runner.ts` performs them.
 * This module weighs the kinds together; the cases are made in `fuzz-http-cases.ts`, `fuzz-raw-http-cases.ts`
 * and `fuzz-deep-cases.ts` from the shared generators (`fuzz-values.ts`, `fuzz-mutations.ts`, `fuzz-bodies.ts`,
 * `fuzz-route-fields.ts`), in the shapes of `fuzz-case-types.ts`.
 */

/** Every route of both suites with its generator, and the deep scenarios, weighted. */
export function fuzzCase(m: FuzzMaterial): fc.Arbitrary<FuzzCase> {
  const f = routeFields(m);
  const cases: Array<fc.WeightedArbitrary<FuzzCase>> = [...httpCases(f), {arbitrary: socketCase, weight: 1}, ...deepCases(f, m)];
  return fc.oneof(...cases);
}
