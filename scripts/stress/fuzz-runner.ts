import fc from 'fast-check';
import {problemWith} from './fuzz-answer-check.js';
import type {FuzzCase} from './fuzz-case-types.js';
import {fuzzCase} from './fuzz-cases.js';
import {runClassicPhase2, runRoles} from './fuzz-classic-scenarios.js';
import type {FuzzContext} from './fuzz-context.js';
import {fuzzMaterial} from './fuzz-material.js';
import {describe, runHttp, runSocket, type Observation} from './fuzz-send.js';
import {emptyStats, type FuzzStats} from './fuzz-stats.js';
import {runV2A1, runV2A3, runWhoami} from './fuzz-v2-scenarios.js';

/**
 * The fuzzer's driver: performs one generated case of any kind, and runs fast-check over batches of cases
 * against a target, counting every answer and failing on the first batch with a problem. The set-up of the
 * live state and the stats it reports come from `fuzz-context.ts` and `fuzz-stats.ts` (re-exported here).
 */

export {prepareFuzzContext, type FuzzContext} from './fuzz-context.js';
export {emptyStats, mergeStats, type FuzzStats} from './fuzz-stats.js';

/** Performs one case; every answer it got, the fuzzed ones marked `bad`. */
export async function runCase(ctx: FuzzContext, c: FuzzCase): Promise<Observation[]> {
  try {
    switch (c.kind) {
      case 'http':
        return await runHttp(ctx, c);
      case 'socket':
        return await runSocket(ctx, c);
      case 'v2-a1':
        return await runV2A1(ctx, c);
      case 'v2-a3':
        return await runV2A3(ctx, c);
      case 'v2-whoami':
        return await runWhoami(ctx, c);
      case 'classic-phase2':
        return await runClassicPhase2(ctx, c);
      case 'classic-roles':
        return await runRoles(ctx, c);
    }
  } catch (error) {
    return [{route: c.route, method: '-', path: '-', sent: describe(c), status: -3, contentType: '', body: Buffer.from(`scenario failed: ${(error as Error).stack ?? String(error)}`), bad: false}];
  }
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** Bad requests to generate (cases; a replay sends two). */
  readonly cases: number;
  /** Cases sent at once (one fast-check run each). Default 32. */
  readonly batch?: number;
  readonly seed?: number;
  /** Stop generating after this long (ms); the counts say how far it got. */
  readonly timeLimitMs?: number;
  /** Let fast-check shrink a failing batch (slow: every step resends requests). Default false. */
  readonly shrink?: boolean;
}

/**
 * Sends `cases` generated bad requests to the target in batches (fast-check `asyncProperty` over arrays of
 * cases; the property: no answer in the batch has a problem, see {@link problemWith}). Throws fast-check's
 * report (seed, path, the failing batch and every problem) on the first failing batch.
 */
export async function runFuzz(ctx: FuzzContext, options: FuzzOptions): Promise<FuzzStats> {
  const stats = emptyStats();
  const started = performance.now();
  const batch = options.batch ?? 32;
  const arbitrary = fc.array(fuzzCase(fuzzMaterial()), {minLength: batch, maxLength: batch});
  try {
    await fc.assert(fc.asyncProperty(arbitrary, async (cases) => {
      const observed = (await Promise.all(cases.map((c) => runCase(ctx, c)))).flat();
      const problems: string[] = [];
      for (const o of observed) {
        stats.requests++;
        if (o.bad) {
          stats.badRequests++;
          stats.routes[o.route] = (stats.routes[o.route] ?? 0) + 1;
        }
        stats.statuses[String(o.status)] = (stats.statuses[String(o.status)] ?? 0) + 1;
        const problem = problemWith(o);
        if (problem) problems.push(`${problem}: ${o.route} — ${o.method} ${describe(o.path)} body ${o.sent} → ${o.status} ${o.contentType} ${describe(o.body.toString('utf8'))}`);
      }
      if (problems.length > 0) {
        stats.violations.push(...problems);
        throw new Error(problems.join('\n'));
      }
    }), {
      numRuns: Math.ceil(options.cases / batch), seed: options.seed, endOnFailure: !options.shrink,
      interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false,
    });
  } catch (error) {
    // fast-check's report prints the whole failing batch (up to megabytes): keep its first line (seed, path)
    // and the problems found.
    const head = String((error as Error).message).split('\n')[0];
    throw new Error(`${head}\n${stats.violations.slice(0, 20).join('\n')}`);
  } finally {
    stats.seconds = (performance.now() - started) / 1000;
  }
  return stats;
}

