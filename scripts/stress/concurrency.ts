import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {measureLoad, runLoad, type LoadResult} from '../bench/load.js';
import {createClassicSubject, type Target} from './clients.js';

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

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
  const result = await measureLoad(async () => {
    const subject = await createClassicSubject(target);
    return runClassicHandshake({transport: target.classicTransport}, subject);
  }, clients, seconds * 1000);
  return {
    clients, seconds: round(result.wallSeconds), organizations_and_sessions: result.handshakes, errors: result.errors,
    ...(result.firstError ? {first_error: result.firstError} : {}),
    per_second: round(result.handshakesPerSecond), p50_ms: round(result.p50Ms, 2), p99_ms: round(result.p99Ms, 2),
  };
}
