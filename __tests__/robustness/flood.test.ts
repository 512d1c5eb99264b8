// A0 flood (short): unauthenticated A0s at full speed on 8 connections against the standalone server while a
// legitimate client runs full handshakes; then the pending-channel capacity is measured exactly (a channel
// survives 9 999 later A0s, one opened just before it is evicted by the 10 000th). `npm run stress` floods for 30 s and checks the
// server's RSS against 150 MB.
import {join} from 'node:path';
import {openTarget, type Target} from '../../scripts/stress/clients.js';
import {PENDING_CHANNEL_CAP, runA0Flood} from '../../scripts/stress/flood.js';
import {startServerProcess, type ServerProcess} from '../../scripts/stress/server-process.js';
import {BUILD_TIMEOUT_MS, DIST, ensureBuilt, makeTempHome, removeTempHomes} from '../helpers/cli.js';

let server: ServerProcess;
let target: Target;

beforeAll(async () => {
  ensureBuilt();
  const home = makeTempHome('rep-flood-');
  server = await startServerProcess(home, {script: join(DIST, 'bin', 'rep-server.js')});
  target = openTarget(home, server.url, {timeoutMs: 30_000});
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  target?.close();
  await server?.kill();
  removeTempHomes();
});

it('during a 3 s A0 flood every legitimate handshake succeeds, and the pending-channel table holds exactly its cap', async () => {
  const result = await runA0Flood(target, server, {seconds: 3, connections: 8, legitimateEveryMs: 400, probeCap: true});
  console.log(JSON.stringify(result));
  expect(result.statuses).toEqual({200: result.a0_sent});
  expect(result.legitimate_handshakes.failures).toEqual([]);
  expect(result.legitimate_handshakes.attempts).toBeGreaterThanOrEqual(3);
  expect(result.legitimate_handshakes.succeeded).toBe(result.legitimate_handshakes.attempts);
  expect(result.channel_cap).toMatchObject({cap: PENDING_CHANNEL_CAP, kept_after_cap_minus_1: true, evicted_after_cap: true, a1_statuses: [401, 200]});
  expect(result.channel_cap!.seconds).toBeLessThan(25); // well within the 30 s channel lifetime
  // The table is at its cap for the whole run (the stress script checks RSS against the 150 MB target).
  expect(server.alive()).toBe(true);
  expect(server.errors()).toBe('');
}, 120_000);
