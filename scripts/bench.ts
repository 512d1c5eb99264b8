import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createHttpTransport} from '../src/client/transport.js';
import {nodeSigner} from '../src/crypto/ecdsa.js';
import {sha256} from '../src/crypto/hash.js';
import {exportSpki, importP256PublicKey} from '../src/crypto/p256.js';
import {importPrivateKeyPem} from '../src/crypto/private-keys.js';
import {systemRng} from '../src/crypto/random.js';
import {repPaths} from '../src/paths.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../server/seed.js';
import {measureCeiling} from './bench/ceiling.js';
import {measureInProcess} from './bench/in-process.js';
import {firstFrameMs} from './bench/first-frame.js';
import {createLiteTransport} from './bench/lite-transport.js';
import {runLoad} from './bench/load.js';
import {machineBusySeconds, processCpuSeconds, startServerProcess, timeCommand} from './bench/processes.js';

/**
 * `npm run bench`: v2 handshakes over loopback HTTP against the standalone server (a separate process whose
 * CPU time — all its threads, user + system — is read from /proc), with two load generators in this process:
 * the product transport (got, src/client/transport.ts) at concurrency 1 and 64, and the cheap node:http one
 * (scripts/bench/lite-transport.ts) at concurrency 64, which leaves the server enough of the two cores to be
 * busy rather than woken per request; the crypto ceiling measured in this run; their ratio per server core;
 * and the wall time of cold `rep-create-session` processes. Prints one JSON document.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const home = mkdtempSync(join(tmpdir(), 'rep-bench-'));
const paths = repPaths({REP_HOME: home});
const server = await startServerProcess(home);
try {
  const repositoryKey = importP256PublicKey(readFileSync(paths.repositoryPublicKey, 'utf8'));
  const credentials = demoCredentialFiles(paths).privateKey;
  const subject = importPrivateKeyPem(readFileSync(credentials, 'utf8'), DEMO_PASSWORD);
  const config = {
    repositoryKey, audience: sha256(exportSpki(repositoryKey)), subject: nodeSigner(subject),
    organization: DEMO_ORGANIZATION, username: DEMO_USERNAME, rng: systemRng, clock: Date.now,
  };
  const transport = createHttpTransport({baseUrl: server.url});
  const lite = createLiteTransport(server.url);
  // Warm-up: the server's JIT at full load (its code is still being optimised for a few seconds), then got's.
  await runLoad(lite, config, 64, Math.max(2000, seconds * 500));
  await runLoad(transport, config, 8, 500);

  const plan = [
    {client: 'got', transport, concurrency: 1},
    {client: 'got', transport, concurrency: 64},
    {client: 'node:http', transport: lite, concurrency: 64},
  ];
  const levels = [];
  for (const {client, transport: through, concurrency} of plan) {
    const cpuBefore = processCpuSeconds(server.child.pid!);
    const machineBefore = machineBusySeconds();
    const clientBefore = process.cpuUsage();
    const result = await runLoad(through, config, concurrency, seconds * 1000);
    const serverCpuSeconds = processCpuSeconds(server.child.pid!) - cpuBefore;
    const clientCpu = process.cpuUsage(clientBefore);
    const clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
    const otherCpuSeconds = machineBusySeconds() - machineBefore - serverCpuSeconds - clientCpuSeconds;
    levels.push({...result, client, serverCpuSeconds, serverHandshakesPerCpuSecond: result.handshakes / serverCpuSeconds, clientCpuSeconds, otherCpuSeconds});
  }
  transport.close();
  lite.close();

  const ceiling = measureCeiling(seconds * 1000);
  const inProcess = measureInProcess(seconds * 1000);
  const best = Math.max(...levels.map((l) => l.serverHandshakesPerCpuSecond));

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
  console.log(JSON.stringify({
    machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version},
    seconds_per_level: seconds,
    http: levels.map((l) => ({
      client: l.client, concurrency: l.concurrency, handshakes: l.handshakes, errors: l.errors, ...(l.firstError ? {first_error: l.firstError} : {}),
      handshakes_per_second: round(l.handshakesPerSecond), p50_ms: round(l.p50Ms, 2), p99_ms: round(l.p99Ms, 2),
      server_cpu_seconds: round(l.serverCpuSeconds, 2), server_busy: round(l.serverCpuSeconds / l.wallSeconds, 2),
      server_cpu_us_per_handshake: round((l.serverCpuSeconds * 1e6) / l.handshakes, 0),
      client_cpu_us_per_handshake: round((l.clientCpuSeconds * 1e6) / l.handshakes, 0),
      other_processes_cpu_seconds: round(Math.max(0, l.otherCpuSeconds), 2),
      server_handshakes_per_cpu_second: round(l.serverHandshakesPerCpuSecond),
      vs_ceiling: round(l.serverHandshakesPerCpuSecond / ceiling.handshakesPerCpuSecond, 3),
    })),
    ceiling: {handshakes_per_cpu_second: round(ceiling.handshakesPerCpuSecond), microseconds_per_handshake: round(ceiling.microsecondsPerHandshake)},
    server_vs_ceiling_per_core: round(best / ceiling.handshakesPerCpuSecond, 3),
    in_process_responder: {
      handshakes_per_cpu_second: round(inProcess.handshakesPerCpuSecond), microseconds_per_handshake: round(inProcess.microsecondsPerHandshake),
      vs_ceiling: round(inProcess.handshakesPerCpuSecond / ceiling.handshakesPerCpuSecond, 3),
    },
    target_ratio: 0.7,
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
