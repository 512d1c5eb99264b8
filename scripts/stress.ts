import {mkdtempSync, rmSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {runClassicHandshake} from '../src/protocol/classic/client-runner.js';
import {runV2Handshake} from '../src/protocol/v2/client-runner.js';
import {createClassicSubject, openTarget} from './stress/clients.js';
import {runClassicConcurrency, runV2Concurrency} from './stress/concurrency.js';
import {runCrashCycles} from './stress/crash.js';
import {runA0Flood} from './stress/flood.js';
import {emptyStats, mergeStats, prepareFuzzContext, runFuzz} from './stress/fuzz-runner.js';
import {startServerProcess} from './stress/server-process.js';
import {runStoreWorkers} from './stress/store.js';

/**
 * `npm run stress`: robustness figures of the standalone server (dist/bin/rep-server.js, a child process on
 * 127.0.0.1) as one JSON document, each part in its own REP_HOME and bounded in time:
 *   concurrency  64 v2 clients creating sessions for STRESS_CONCURRENCY_SECONDS (20), then 16 classic clients
 *   store        8 processes saving 25 sessions each into one session store at the same time
 *   crash        clients create organizations and sessions of both suites, kill -9, restart on the same
 *                REP_HOME, check everything confirmed (STRESS_CRASH_CYCLES, 3)
 *   flood        unauthenticated A0s at full speed for STRESS_FLOOD_SECONDS (30) with a legitimate client,
 *                server RSS, and the pending-channel capacity measured exactly afterwards
 *   fuzz         STRESS_FUZZ_CASES (40 000) generated bad requests, RSS after each quarter
 * STRESS_ONLY=fuzz,flood runs a subset. Exits 1 if any check fails (`failures` lists them).
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const only = process.env.STRESS_ONLY?.split(',').map((s) => s.trim());
const enabled = (part: string) => only === undefined || only.includes(part);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};
const homes: string[] = [];
const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rep-stress-'));
  homes.push(dir);
  return dir;
};
const log = (text: string) => process.stderr.write(`[stress] ${text}\n`);
const parts: Record<string, unknown> = {};

async function concurrency(): Promise<void> {
  const seconds = env('STRESS_CONCURRENCY_SECONDS', 20);
  const dir = home();
  const server = await startServerProcess(dir);
  const target = openTarget(dir, server.url, {timeoutMs: 30_000});
  try {
    log(`concurrency: 64 v2 clients for ${seconds} s`);
    const v2 = await runV2Concurrency(target, 64, seconds);
    log('concurrency: 16 classic clients for 10 s');
    const classic = await runClassicConcurrency(target, 16, Math.min(10, seconds));
    parts.concurrency = {v2, classic, server_alive: server.alive(), server_rss_mb: Math.round(server.rssMb())};
    check(v2.errors === 0 && (v2.handshakes as number) > 0, `concurrency: v2 errors ${v2.errors} (${v2.first_error ?? ''})`);
    check(classic.errors === 0, `concurrency: classic errors ${classic.errors} (${classic.first_error ?? ''})`);
    check(server.errors() === '', `concurrency: server logged errors: ${server.errors().slice(0, 500)}`);
  } finally {
    target.close();
    await server.kill();
  }
}

async function store(): Promise<void> {
  log('store: 8 processes × 25 sessions');
  const result = await runStoreWorkers(home(), {processes: 8, count: 25});
  parts.session_store = result;
  check(result.present === 200 && result.unique === 200 && result.complete, `store: ${result.present} sessions present, ${result.unique} unique`);
  check(result.warnings.length === 0 && !result.lock_left, `store: warnings ${result.warnings.join('; ')}, lock left ${result.lock_left}`);
}

async function crash(): Promise<void> {
  const cycles = env('STRESS_CRASH_CYCLES', 3);
  log(`crash: ${cycles} kill -9 cycles`);
  const result = await runCrashCycles({home: home(), cycles, runMs: 4000, sessionClients: 8, organizationClients: 2, classicClients: 2});
  parts.crash_safety = result;
  check(result.lost === 0, `crash: ${result.lost} confirmed items lost`);
  check(result.cycles.every((c) => c.integrity_check === 'ok') && result.final_integrity_check === 'ok', 'crash: integrity_check not ok');
  check(result.cycles.every((c) => c.confirmed.v2_sessions > 0 && c.confirmed.v2_organizations > 0), 'crash: a cycle confirmed nothing before the kill');
}

async function flood(): Promise<void> {
  const seconds = env('STRESS_FLOOD_SECONDS', 30);
  const dir = home();
  const server = await startServerProcess(dir);
  const target = openTarget(dir, server.url, {timeoutMs: 30_000});
  try {
    log(`flood: A0s on 16 connections for ${seconds} s, then the channel-cap probe`);
    const result = await runA0Flood(target, server, {seconds, connections: 16, legitimateEveryMs: 1000, probeCap: true});
    parts.a0_flood = {...result, server_alive: server.alive()};
    check(result.server_rss_mb.max < 150, `flood: server RSS reached ${result.server_rss_mb.max} MB`);
    check(result.legitimate_handshakes.attempts >= 3 && result.legitimate_handshakes.succeeded === result.legitimate_handshakes.attempts,
      `flood: legitimate handshakes ${result.legitimate_handshakes.succeeded}/${result.legitimate_handshakes.attempts} (${result.legitimate_handshakes.failures.join('; ')})`);
    check(result.channel_cap?.kept_after_cap_minus_1 === true && result.channel_cap.evicted_after_cap === true, `flood: channel cap probe ${JSON.stringify(result.channel_cap)}`);
    check(Object.keys(result.statuses).every((s) => s === '200'), `flood: A0 statuses ${JSON.stringify(result.statuses)}`);
    check(server.alive() && server.errors() === '', `flood: server down or logged errors: ${server.errors().slice(0, 500)}`);
  } finally {
    target.close();
    await server.kill();
  }
}

async function fuzz(): Promise<void> {
  const cases = env('STRESS_FUZZ_CASES', 40_000);
  const seed = env('FUZZ_SEED', Date.now() % 2 ** 31);
  const dir = home();
  const server = await startServerProcess(dir);
  const target = openTarget(dir, server.url);
  const ctx = await prepareFuzzContext(target);
  let stats = emptyStats();
  const rss: number[] = [];
  try {
    for (let quarter = 0; quarter < 4; quarter++) {
      log(`fuzz: quarter ${quarter + 1}/4 (${Math.ceil(cases / 4)} cases, seed ${seed + quarter})`);
      try {
        stats = mergeStats(stats, await runFuzz(ctx, {cases: Math.ceil(cases / 4), seed: seed + quarter}));
      } catch (error) {
        failures.push(`fuzz: ${(error as Error).message}`);
        break;
      }
      rss.push(Math.round(server.rssMb()));
    }
    const afterV2 = await runV2Handshake({transport: target.transport}, target.alice).then(() => true, () => false);
    const afterClassic = await createClassicSubject(target).then((s) => runClassicHandshake({transport: target.classicTransport}, s)).then(() => true, () => false);
    parts.fuzz = {
      seed, bad_requests: stats.badRequests, requests: stats.requests, seconds: Number(stats.seconds.toFixed(1)),
      requests_per_second: Math.round(stats.requests / stats.seconds), server_rss_mb_after_each_quarter: rss, statuses: stats.statuses,
      routes: stats.routes, violations: stats.violations.slice(0, 10), server_alive: server.alive(), server_errors_logged: server.errors().split('\n').filter(Boolean).length,
      handshakes_after: {v2: afterV2, classic: afterClassic},
    };
    check(stats.violations.length === 0, 'fuzz: violations (see fuzz.violations)');
    check(Object.keys(stats.statuses).every((s) => Number(s) < 500), 'fuzz: 5xx answers');
    check(server.alive() && server.errors() === '', `fuzz: server down or logged errors: ${server.errors().slice(0, 500)}`);
    check(afterV2 && afterClassic, 'fuzz: a normal handshake failed afterwards');
    check(rss.length < 4 || rss[3] <= rss[1] + 40, `fuzz: RSS grew from ${rss[1]} to ${rss[3]} MB over the second half`);
  } finally {
    ctx.close();
    target.close();
    await server.kill();
  }
}

const started = Date.now();
try {
  for (const [name, part] of [['concurrency', concurrency], ['store', store], ['crash', crash], ['flood', flood], ['fuzz', fuzz]] as const) {
    if (!enabled(name)) continue;
    try {
      await part();
    } catch (error) {
      failures.push(`${name}: ${(error as Error).stack ?? String(error)}`);
    }
  }
} finally {
  for (const dir of homes) rmSync(dir, {recursive: true, force: true});
}
console.log(JSON.stringify({
  machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version},
  seconds: Math.round((Date.now() - started) / 1000),
  ...parts,
  pass: failures.length === 0,
  failures,
}, null, 2));
process.exitCode = failures.length === 0 ? 0 : 1;
