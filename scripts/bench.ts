import {mkdtempSync, rmSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {repPaths} from '../src/paths.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../server/seed.js';
import {measureCeiling} from './bench/ceiling.js';
import {classicSubjectPool, runClassicLoad} from './bench/classic-load.js';
import {measureInProcess} from './bench/in-process.js';
import {measureLoadedHttpOverhead} from './bench/loaded-http-overhead.js';
import {firstFrameMs} from './bench/first-frame.js';
import {createLiteTransport} from './bench/lite-transport.js';
import {measureLoad, runLoad, type LoadResult} from './bench/load.js';
import {machineBusySeconds, processCpuSeconds, startServerProcess, timeCommand} from './bench/processes.js';
import {openTarget} from './stress/clients.js';

/** One measured level: its load figures with the CPU seconds the server, this process and the rest of the machine spent over it. */
interface Level extends LoadResult {
  readonly client: string;
  readonly serverCpuSeconds: number;
  readonly serverHandshakesPerCpuSecond: number;
  readonly clientCpuSeconds: number;
  readonly otherCpuSeconds: number;
}

/**
 * `npm run bench`: v2 handshakes over loopback HTTP against the standalone server (a separate process whose
 * CPU time — all its threads, user + system — is read from /proc), with two load generators in this process:
 * the product transport (got, src/client/transport.ts) at concurrency 1 and 64, and the cheap node:http one
 * (scripts/bench/lite-transport.ts) at concurrency 64, which leaves the server enough of the two cores to be
 * busy rather than woken per request; then classic handshakes (POST /sessions, both phases) against the same
 * server process with got at concurrency 1 and 64, each with a subject registered before the level
 * (scripts/bench/classic-load.ts); the v2 crypto ceiling measured in this run; the ratio per server core, and the HTTP floor that bounds it (a request doing nothing on this
 * server; a bare fastify POST route without and with a third of a handshake's crypto); the
 * v2 responder in-process; the app's first frame; and the wall time of cold `rep-create-session` processes.
 * Prints one JSON document.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const home = mkdtempSync(join(tmpdir(), 'rep-bench-'));
const paths = repPaths({REP_HOME: home});
const server = await startServerProcess(home);
try {
  const credentials = demoCredentialFiles(paths).privateKey;
  const target = openTarget(home, server.url);
  const {transport, alice: config} = target;
  const lite = createLiteTransport(server.url);
  // Warm-up: the server's JIT at full load, then got's. TurboFan keeps optimising the server's code for
  // several seconds (7 % of its CPU in background compiles after 3 s; < 1 % after 15 s), and a server runs
  // for hours: the levels measure its steady state (≈ 8 % fewer CPU-µs per handshake than after 3 s).
  await runLoad(lite, config, 64, Math.max(10_000, seconds * 2000));
  await runLoad(transport, config, 8, 500);

  const measure = async <R extends LoadResult>(client: string, run: () => Promise<R>): Promise<R & Level> => {
    const cpuBefore = processCpuSeconds(server.child.pid!);
    const machineBefore = machineBusySeconds();
    const clientBefore = process.cpuUsage();
    const result = await run();
    const serverCpuSeconds = processCpuSeconds(server.child.pid!) - cpuBefore;
    const clientCpu = process.cpuUsage(clientBefore);
    const clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
    const otherCpuSeconds = machineBusySeconds() - machineBefore - serverCpuSeconds - clientCpuSeconds;
    return {...result, client, serverCpuSeconds, serverHandshakesPerCpuSecond: result.handshakes / serverCpuSeconds, clientCpuSeconds, otherCpuSeconds};
  };

  const plan = [
    {client: 'got', transport, concurrency: 1},
    {client: 'got', transport, concurrency: 64},
    {client: 'node:http', transport: lite, concurrency: 64},
  ];
  const levels: Level[] = [];
  for (const {client, transport: through, concurrency} of plan) {
    levels.push(await measure(client, () => runLoad(through, config, concurrency, seconds * 1000)));
  }
  // The HTTP floor: what the same server spends on a request that does nothing (GET /v2/health, same
  // client, concurrency 64). A v2 handshake is three requests, so no server on this stack can do better
  // than ceiling / (ceiling + 3 × floor) per core.
  const floor = await measure('node:http', () => measureLoad(() => lite.request('GET', '/v2/health'), 64, seconds * 1000));
  lite.close();

  // Classic: a new subject per handshake (one live session per subject), registered before each level; the
  // warm-up's rate sizes the pool (twice what a level should use, so it does not run dry).
  const pool = classicSubjectPool(target);
  await pool.fill(64);
  const warm = await runClassicLoad(target, pool, 8, 1000);
  const perLevel = Math.ceil(warm.handshakesPerSecond * seconds * 2);
  const classic = [];
  for (const concurrency of [1, 64]) {
    await pool.fill(perLevel + concurrency);
    classic.push(await measure('got', () => runClassicLoad(target, pool, concurrency, seconds * 1000)));
  }
  target.close();

  // The HTTP stack's overhead per request on a bare fastify route, without and with about a third of a
  // handshake's crypto in the handler: OpenSSL's work evicts the stack from the caches, so the loaded figure
  // is the realistic floor.
  const bareRoute = await measureLoadedHttpOverhead(0, seconds * 1000);
  const loadedRoute = await measureLoadedHttpOverhead(1, seconds * 1000);

  const ceiling = measureCeiling(seconds * 1000);
  const inProcess = measureInProcess(seconds * 1000);
  const best = Math.max(...levels.map((l) => l.serverHandshakesPerCpuSecond));
  const floorUs = (floor.serverCpuSeconds * 1e6) / floor.handshakes;

  const env: NodeJS.ProcessEnv = {...process.env, REP_HOME: home, REP_KEY_PASSWORD: DEMO_PASSWORD, NODE_ENV: 'production'};
  delete env.REP_ADDRESS;
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    cold.push(await timeCommand(['dist/bin/rep-create-session.js', DEMO_ORGANIZATION, DEMO_USERNAME, credentials, join(home, `cold-${i}.json`)], env));
  }
  cold.sort((a, b) => a - b);

  // The app's first frame is its start-up line ("rep · starting the bundled repository…"); the home menu
  // follows once the bundled server is up.
  const frames = await firstFrameMs('node dist/bin/rep.js', 'rep ·', 5);
  const menu = await firstFrameMs('node dist/bin/rep.js', 'Create a session', 5);
  const hello = await firstFrameMs('node dist/scripts/bench/hello-ink.bundle.js', 'hello ink', 5);

  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  const levelJson = (l: Level) => ({
    client: l.client, concurrency: l.concurrency, handshakes: l.handshakes, errors: l.errors, ...(l.firstError ? {first_error: l.firstError} : {}),
    handshakes_per_second: round(l.handshakesPerSecond), p50_ms: round(l.p50Ms, 2), p99_ms: round(l.p99Ms, 2),
    server_cpu_seconds: round(l.serverCpuSeconds, 2), server_busy: round(l.serverCpuSeconds / l.wallSeconds, 2),
    server_cpu_us_per_handshake: round((l.serverCpuSeconds * 1e6) / l.handshakes, 0),
    client_cpu_us_per_handshake: round((l.clientCpuSeconds * 1e6) / l.handshakes, 0),
    other_processes_cpu_seconds: round(Math.max(0, l.otherCpuSeconds), 2),
    server_handshakes_per_cpu_second: round(l.serverHandshakesPerCpuSecond),
  });
  console.log(JSON.stringify({
    machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version},
    seconds_per_level: seconds,
    http: levels.map((l) => ({...levelJson(l), vs_ceiling: round(l.serverHandshakesPerCpuSecond / ceiling.handshakesPerCpuSecond, 3)})),
    classic: classic.map((l) => ({...levelJson(l), ...(l.subjectsCreatedInLevel ? {subjects_created_in_level: l.subjectsCreatedInLevel} : {})})),
    ceiling: {handshakes_per_cpu_second: round(ceiling.handshakesPerCpuSecond), microseconds_per_handshake: round(ceiling.microsecondsPerHandshake)},
    server_vs_ceiling_per_core: round(best / ceiling.handshakesPerCpuSecond, 3),
    in_process_responder: {
      handshakes_per_cpu_second: round(inProcess.handshakesPerCpuSecond), microseconds_per_handshake: round(inProcess.microsecondsPerHandshake),
      vs_ceiling: round(inProcess.handshakesPerCpuSecond / ceiling.handshakesPerCpuSecond, 3),
    },
    target_ratio: 0.7,
    http_floor: {
      route: 'GET /v2/health', requests: floor.handshakes, errors: floor.errors,
      server_cpu_us_per_request: round(floorUs), requests_per_handshake: 3,
      best_possible_vs_ceiling: round(ceiling.microsecondsPerHandshake / (ceiling.microsecondsPerHandshake + 3 * floorUs), 3),
      bare_fastify_post: {overhead_us_per_request: round(bareRoute.overheadUsPerRequest), requests: bareRoute.requests},
      bare_fastify_post_with_crypto: {
        crypto_us_per_request: round(loadedRoute.workUsPerRequest), overhead_us_per_request: round(loadedRoute.overheadUsPerRequest), requests: loadedRoute.requests,
        best_possible_vs_ceiling: round(ceiling.microsecondsPerHandshake / (ceiling.microsecondsPerHandshake + 3 * loadedRoute.overheadUsPerRequest), 3),
      },
    },
    first_frame_ms: frames && hello
      ? {rep: round(frames[2]), hello_ink_bundle: round(hello[2]), ratio: round(frames[2] / hello[2], 2), target_ratio: 1.3,
        rep_runs: frames.map((f) => round(f)), rep_home_menu: menu ? round(menu[2]) : null}
      : 'tmux not installed',
    cold_rep_create_session_ms: {median: round(cold[2]), min: round(cold[0]), max: round(cold[4]), runs: cold.map((c) => round(c))},
  }, null, 2));
} finally {
  await server.stop();
  rmSync(home, {recursive: true, force: true});
}
