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
import {runLoad} from './bench/load.js';
import {processCpuSeconds, startServerProcess, timeCommand} from './bench/processes.js';

/**
 * `npm run bench`: v2 handshakes over loopback HTTP against the standalone server (a separate process whose
 * CPU time is read from /proc), at concurrency 1 and 64; the crypto ceiling measured in this run; their
 * ratio per server core; and the wall time of cold `rep-create-session` processes. Prints one JSON document.
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
  await runLoad(transport, config, 8, 1000); // warm-up (JIT, keep-alive sockets)

  const levels = [];
  for (const concurrency of [1, 64]) {
    const cpuBefore = processCpuSeconds(server.child.pid!);
    const result = await runLoad(transport, config, concurrency, seconds * 1000);
    const serverCpuSeconds = processCpuSeconds(server.child.pid!) - cpuBefore;
    levels.push({...result, serverCpuSeconds, serverHandshakesPerCpuSecond: result.handshakes / serverCpuSeconds});
  }
  transport.close();

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

  const frames = await firstFrameMs('node dist/bin/rep.js', 'Create a session', 5);
  const hello = await firstFrameMs('node dist/scripts/bench/hello-ink.bundle.js', 'hello ink', 5);

  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  console.log(JSON.stringify({
    machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version},
    seconds_per_level: seconds,
    http: levels.map((l) => ({
      concurrency: l.concurrency, handshakes: l.handshakes, errors: l.errors, ...(l.firstError ? {first_error: l.firstError} : {}),
      handshakes_per_second: round(l.handshakesPerSecond), p50_ms: round(l.p50Ms, 2), p99_ms: round(l.p99Ms, 2),
      server_cpu_seconds: round(l.serverCpuSeconds, 2), server_handshakes_per_cpu_second: round(l.serverHandshakesPerCpuSecond),
    })),
    ceiling: {handshakes_per_cpu_second: round(ceiling.handshakesPerCpuSecond), microseconds_per_handshake: round(ceiling.microsecondsPerHandshake)},
    server_vs_ceiling_per_core: round(best / ceiling.handshakesPerCpuSecond, 3),
    in_process_responder: {
      handshakes_per_cpu_second: round(inProcess.handshakesPerCpuSecond), microseconds_per_handshake: round(inProcess.microsecondsPerHandshake),
      vs_ceiling: round(inProcess.handshakesPerCpuSecond / ceiling.handshakesPerCpuSecond, 3),
    },
    target_ratio: 0.7,
    first_frame_ms: frames && hello
      ? {rep: round(frames[2]), hello_ink_bundle: round(hello[2]), ratio: round(frames[2] / hello[2], 2), target_ratio: 1.3, rep_runs: frames.map((f) => round(f))}
      : 'tmux not installed',
    cold_rep_create_session_ms: {median: round(cold[2]), min: round(cold[0]), max: round(cold[4]), runs: cold.map((c) => round(c))},
  }, null, 2));
} finally {
  await server.stop();
  rmSync(home, {recursive: true, force: true});
}
