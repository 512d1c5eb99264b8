// Malformed-input fuzzer (fast-check) against the standalone server (dist/bin/rep-server.js as a child process):
// at least 10,000 generated bad requests to every route of both suites, including scenarios that first run
// real exchanges (A0, A0+A1, a session, a classic phase 1) so the bad request reaches the deep checks.
// The longer run is `npm run stress` (STRESS_FUZZ_CASES).
import {join} from 'node:path';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {createClassicSubject, openTarget, type Target} from '../../scripts/stress/clients.js';
import {mergeStats, prepareFuzzContext, runFuzz, type FuzzContext} from '../../scripts/stress/fuzz-runner.js';
import {startServerProcess, type ServerProcess} from '../../scripts/stress/server-process.js';
import {BUILD_TIMEOUT_MS, DIST, ensureBuilt, makeTempHome, removeTempHomes} from '../helpers/cli.js';

const CASES_PER_HALF = 5500;
/** RSS may grow this much (MiB) from the end of the first half to the end of the second. */
const RSS_MARGIN_MB = 40;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const ROUTES = [
  'POST /v2/session/a0', 'POST /v2/session/a1', 'POST /v2/session/a3', 'POST /v2/whoami', 'POST /v2/organizations',
  'GET /v2/organizations', 'GET /v2/repository', 'GET /v2/health',
  'POST /sessions (phase 1)', 'POST /sessions (phase 2)', 'POST /organizations (phase 1)', 'POST /organizations (phase 2)',
  'GET /organizations (phase 1)', 'GET /organizations (phase 2)', 'GET roles', 'raw-socket',
  'v2 A1 (after a real A0)', 'v2 A3 (after real A0, A1)', 'v2 whoami (real session)',
  'classic sessions phase 2 (after a real phase 1)', 'classic org-create phase 2 (after a real phase 1)',
  'classic org-list phase 2 (after a real phase 1)', 'classic roles (real session)',
];

let server: ServerProcess;
let target: Target;
let ctx: FuzzContext;

beforeAll(async () => {
  ensureBuilt();
  const home = makeTempHome('rep-fuzz-');
  server = await startServerProcess(home, {script: join(DIST, 'bin', 'rep-server.js')});
  target = openTarget(home, server.url);
  ctx = await prepareFuzzContext(target);
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  ctx?.close();
  target?.close();
  await server?.kill('SIGTERM');
  removeTempHomes();
});

it(`${2 * CASES_PER_HALF} bad requests to every route: no 5xx, JSON errors, the server stays up with bounded memory and serves both suites after (seed ${SEED})`, async () => {
  const first = await runFuzz(ctx, {cases: CASES_PER_HALF, seed: SEED, timeLimitMs: 35_000});
  const rssAfterFirst = server.rssMb();
  const second = await runFuzz(ctx, {cases: CASES_PER_HALF, seed: SEED + 1, timeLimitMs: 35_000});
  const rssAfterSecond = server.rssMb();
  const all = mergeStats(first, second);
  console.log(JSON.stringify({seed: SEED, bad_requests: all.badRequests, requests: all.requests, seconds: Number(all.seconds.toFixed(1)),
    rss_mb: {after_first_half: Math.round(rssAfterFirst), after_second_half: Math.round(rssAfterSecond)}, statuses: all.statuses, routes: all.routes}));

  expect(all.violations).toEqual([]);
  expect(all.badRequests).toBeGreaterThanOrEqual(10_000);
  for (const route of ROUTES) expect([route, all.routes[route] ?? 0]).toEqual([route, expect.any(Number)]);
  expect(ROUTES.filter((route) => (all.routes[route] ?? 0) < 20)).toEqual([]);
  expect(Object.keys(all.statuses).filter((status) => Number(status) >= 500)).toEqual([]);

  // No crash, nothing unexpected logged (the server logs every unexpected error to stderr).
  expect(server.alive()).toBe(true);
  expect(server.errors()).toBe('');
  expect(rssAfterSecond).toBeLessThanOrEqual(rssAfterFirst + RSS_MARGIN_MB);

  // Normal handshakes of both suites still work.
  const v2 = await runV2Handshake({transport: target.transport}, target.alice);
  expect(v2.organization).toBe('acme');
  const subject = await createClassicSubject(target);
  const classic = await runClassicHandshake({transport: target.classicTransport}, subject);
  expect(classic.username).toBe(subject.username);
}, 110_000);
