import {performance} from 'node:perf_hooks';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {runLoad, type LoadResult} from '../bench/load.js';
import {createClassicSubject, type Target} from './clients.js';

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

/** `clients` concurrent v2 clients doing back-to-back full handshakes (A0–A3) for `seconds` (the benchmark's load generator). */
export async function runV2Concurrency(target: Target, clients: number, seconds: number): Promise<Record<string, unknown>> {
  const result: LoadResult = await runLoad(target.transport, target.alice, clients, seconds * 1000);
  return {
    clients, seconds: round(result.wallSeconds), handshakes: result.handshakes, errors: result.errors,
    ...(result.firstError ? {first_error: result.firstError} : {}),
    handshakes_per_second: round(result.handshakesPerSecond), p50_ms: round(result.p50Ms, 2), p99_ms: round(result.p99Ms, 2),
  };
}

/**
 * `clients` concurrent classic clients for `seconds`: each iteration creates a classic organization with a new
 * P-521 subject (POST /organizations, both phases) and a session for it (POST /sessions, both phases) — a new
 * subject each time because the reference allows one live session per subject.
 */
export async function runClassicConcurrency(target: Target, clients: number, seconds: number): Promise<Record<string, unknown>> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() - started < seconds * 1000) {
      const t0 = performance.now();
      try {
        const subject = await createClassicSubject(target);
        await runClassicHandshake({transport: target.classicTransport}, subject);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= `${(error as {code?: string}).code}: ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({length: clients}, worker));
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients, seconds: round(wall), organizations_and_sessions: latencies.length, errors, ...(firstError ? {first_error: firstError} : {}),
    per_second: round(latencies.length / wall), p50_ms: round(percentile(latencies, 50), 2), p99_ms: round(percentile(latencies, 99), 2),
  };
}
