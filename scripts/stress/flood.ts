import {performance} from 'node:perf_hooks';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {systemRng} from '../../src/crypto/random.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {buildA1, finishA0, startA0} from '../../src/protocol/v2/initiator.js';
import {encodeA0Request, encodeA1Request, parseA0Answer} from '../../src/protocol/v2/messages.js';
import type {Target} from './clients.js';
import {fuzzMaterial} from './fuzz-material.js';
import {createRawClient, type RawClient} from './http.js';
import type {ServerProcess} from './server-process.js';

/** The server's cap on pending v2 channels (DEFAULT_RESPONDER_LIMITS.maxChannels, docs/PROTOCOL.md §9). */
export const PENDING_CHANNEL_CAP = 10_000;

/** Options of {@link runA0Flood}. */
export interface FloodOptions {
  readonly seconds: number;
  /** Concurrent keep-alive connections sending A0s back to back (default 16). */
  readonly connections?: number;
  /** A legitimate full handshake this often during the flood (ms, default 1000). */
  readonly legitimateEveryMs?: number;
  /** After the flood, measure the pending-channel table's capacity exactly (see {@link probeChannelCap}). */
  readonly probeCap?: boolean;
}

/** What {@link runA0Flood} measured. */
export interface FloodResult {
  readonly seconds: number;
  readonly connections: number;
  readonly a0_sent: number;
  /** A0s answered 200: each one left a pending channel on the server. */
  readonly a0_answered_200: number;
  readonly a0_per_second: number;
  readonly statuses: Record<string, number>;
  readonly server_rss_mb: {readonly before: number; readonly max: number; readonly after: number; readonly samples: number};
  readonly legitimate_handshakes: {readonly attempts: number; readonly succeeded: number; readonly p50_ms: number; readonly max_ms: number; readonly failures: readonly string[]};
  readonly channel_cap?: ChannelCapProbe;
}

/** The pending-channel table's capacity, measured from outside (exact: see {@link probeChannelCap}). */
export interface ChannelCapProbe {
  readonly cap: number;
  /** A channel followed by cap − 1 other A0s still answered its A1 (200). */
  readonly kept_after_cap_minus_1: boolean;
  /** A channel followed by cap other A0s was evicted: its A1 got 401. */
  readonly evicted_after_cap: boolean;
  /** The A1 statuses: [the channel followed by cap A0s, the one followed by cap − 1]. */
  readonly a1_statuses: readonly number[];
  /** Server RSS before and after the probe's cap − 1 A0s (the table is full after the flood: memory must level off). */
  readonly server_rss_mb_after_probes?: readonly number[];
  readonly seconds: number;
}

/** An unauthenticated A0 body: a valid point, a fresh nonce and the current time (so the server does all its A0 work). */
function floodBody(point: string): string {
  return `{"version":"rep-v2/1","client_ephemeral":"${point}","client_nonce":"${toBase64Url(systemRng(32))}","timestamp":${Date.now()}}`;
}

/** Sends A0s on `connections` connections until `count` were answered 200 (or until `until()`); returns the statuses. */
async function sendA0s(raw: RawClient, connections: number, stop: {count?: number; until?: () => boolean}, statuses: Record<string, number>): Promise<{sent: number; ok: number}> {
  const point = fuzzMaterial().points[0];
  let sent = 0;
  let ok = 0;
  let claimed = 0;
  const more = () => (stop.count !== undefined ? claimed < stop.count : !stop.until!());
  const worker = async () => {
    while (more()) {
      claimed++;
      sent++;
      let status: number;
      try {
        status = (await raw.request({method: 'POST', path: V2Path.A0, headers: {'content-type': 'application/json'}, body: floodBody(point)})).status;
      } catch {
        status = -1;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) ok++;
      else claimed--; // only answered A0s leave a channel: send another
    }
  };
  await Promise.all(Array.from({length: connections}, worker));
  return {sent, ok};
}

/**
 * Measures the pending-channel capacity exactly, from outside: open channel Q, then channel P, with real A0s
 * (each answered before the next request is sent); let exactly cap − 1 other A0s be answered; then send Q's
 * and P's A1s. With FIFO eviction at capacity `cap`, a channel is evicted by the cap-th A0 answered after it,
 * whatever the table held before (older entries expiring meanwhile only change which entries go first), so Q
 * (cap A0s after it, P's included) must be gone — 401 — and P (cap − 1 after it) must still answer — 200.
 * Valid when the probe takes well under the 30 s channel lifetime (`seconds`).
 */
export async function probeChannelCap(target: Target, raw: RawClient, cap = PENDING_CHANNEL_CAP, connections = 16, rssMb?: () => number): Promise<ChannelCapProbe> {
  const started = performance.now();
  const open = async () => {
    const a0 = startA0(target.alice);
    const answer = await target.transport.request('POST', V2Path.A0, encodeA0Request(a0.request));
    if (answer.status !== 200) throw new Error(`probe A0 answered ${answer.status}`);
    return finishA0(target.alice, a0.state, parseA0Answer(answer.body));
  };
  const q = await open();
  const p = await open();
  const rss = rssMb ? [Math.round(rssMb())] : [];
  await sendA0s(raw, connections, {count: cap - 1}, {});
  const a1 = async (channel: typeof q) => (await target.transport.request('POST', V2Path.A1, encodeA1Request(buildA1(target.alice, channel).request))).status;
  const statuses = [await a1(q), await a1(p)];
  if (rssMb) rss.push(Math.round(rssMb()));
  return {
    cap, evicted_after_cap: statuses[0] === 401, kept_after_cap_minus_1: statuses[1] === 200, a1_statuses: statuses,
    ...(rssMb ? {server_rss_mb_after_probes: rss} : {}), seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

/**
 * A0 flood: `connections` connections send unauthenticated, well-formed A0s back to back for `seconds` (each
 * answered one costs the server a key pair, a signature and an ECDH, and leaves a pending channel), while a
 * legitimate client runs a full handshake every `legitimateEveryMs`. The server's RSS is sampled every 100 ms.
 */
export async function runA0Flood(target: Target, server: ServerProcess, options: FloodOptions): Promise<FloodResult> {
  const connections = options.connections ?? 16;
  const raw = createRawClient(target.url, {maxSockets: connections});
  const statuses: Record<string, number> = {};
  const before = server.rssMb();
  let max = before;
  let samples = 0;
  const sampler = setInterval(() => {
    max = Math.max(max, server.rssMb());
    samples++;
  }, 100);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const legit = {attempts: 0, succeeded: 0, latencies: [] as number[], failures: [] as string[]};
  const legitimate = async () => {
    while (performance.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, options.legitimateEveryMs ?? 1000));
      if (performance.now() >= deadline) break;
      legit.attempts++;
      const t0 = performance.now();
      try {
        await runV2Handshake({transport: target.transport}, target.alice);
        legit.succeeded++;
        legit.latencies.push(performance.now() - t0);
      } catch (error) {
        legit.failures.push(`${(error as {code?: string}).code}: ${(error as Error).message}`);
      }
    }
  };
  try {
    const [flood] = await Promise.all([sendA0s(raw, connections, {until: () => performance.now() >= deadline}, statuses), legitimate()]);
    const seconds = (performance.now() - started) / 1000;
    const channelCap = options.probeCap ? await probeChannelCap(target, raw, PENDING_CHANNEL_CAP, connections, () => server.rssMb()) : undefined;
    clearInterval(sampler);
    const after = server.rssMb();
    max = Math.max(max, after);
    legit.latencies.sort((a, b) => a - b);
    return {
      seconds: Number(seconds.toFixed(1)), connections, a0_sent: flood.sent, a0_answered_200: flood.ok, a0_per_second: Math.round(flood.ok / seconds), statuses,
      server_rss_mb: {before: Math.round(before), max: Math.round(max), after: Math.round(after), samples},
      legitimate_handshakes: {
        attempts: legit.attempts, succeeded: legit.succeeded, p50_ms: Math.round(percentile(legit.latencies, 50)),
        max_ms: Math.round(legit.latencies.at(-1) ?? 0), failures: legit.failures.slice(0, 5),
      },
      ...(channelCap ? {channel_cap: channelCap} : {}),
    };
  } finally {
    clearInterval(sampler);
    raw.close();
  }
}
