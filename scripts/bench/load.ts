import {performance} from 'node:perf_hooks';
import type {JsonTransport} from '../../src/client/transport.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import type {InitiatorConfig} from '../../src/protocol/v2/initiator.js';

/** Latency and throughput of full handshakes (of either suite) at one concurrency level. */
export interface LoadResult {
  readonly concurrency: number;
  readonly handshakes: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly wallSeconds: number;
  readonly handshakesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

/**
 * Runs `concurrency` workers each calling `handshake` back to back for `durationMs`, timing every call:
 * the load loop both suites share (v2 below, classic in classic-load.ts). A call that throws counts as an error.
 */
export async function measureLoad(handshake: () => Promise<unknown>, concurrency: number, durationMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() - started < durationMs) {
      const t0 = performance.now();
      try {
        await handshake();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= `${(error as {code?: string}).code}: ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({length: concurrency}, worker));
  const wallSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency, handshakes: latencies.length, errors, firstError, wallSeconds,
    handshakesPerSecond: latencies.length / wallSeconds,
    p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99),
  };
}

/** Runs `concurrency` v2 clients doing back-to-back handshakes for `durationMs` (no session store: server cost only). */
export function runLoad(transport: JsonTransport, config: Omit<InitiatorConfig, 'record'>, concurrency: number, durationMs: number): Promise<LoadResult> {
  return measureLoad(() => runV2Handshake({transport}, config), concurrency, durationMs);
}
