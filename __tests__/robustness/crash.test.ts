// Crash safety: clients create organizations, subjects and sessions of both suites against the standalone
// server (dist/bin/rep-server.js); it is killed with SIGKILL mid-traffic and restarted on the same REP_HOME.
// Everything a client saw succeed must still be there and usable; the database must pass integrity_check.
// `npm run stress` runs three cycles.
import {join} from 'node:path';
import {runCrashCycles} from '../../scripts/stress/crash.js';
import {BUILD_TIMEOUT_MS, DIST, ensureBuilt, makeTempHome, removeTempHomes} from '../helpers/cli.js';

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
afterAll(() => removeTempHomes());

it('kill -9 during traffic, restart on the same REP_HOME: every confirmed organization, subject and session survives', async () => {
  const result = await runCrashCycles({
    home: makeTempHome('rep-crash-'), script: join(DIST, 'bin', 'rep-server.js'), cycles: 1, runMs: 2500,
    sessionClients: 6, organizationClients: 2, classicClients: 1,
  });
  console.log(JSON.stringify(result));
  const [cycle] = result.cycles;
  expect(cycle.lost).toEqual([]);
  expect(result.lost).toBe(0);
  expect(cycle.integrity_check).toBe('ok');
  expect(result.final_integrity_check).toBe('ok');
  // The kill happened while clients were busy, after each kind of creation had been confirmed at least once.
  expect(cycle.in_flight_at_kill).toBeGreaterThan(0);
  expect(cycle.confirmed.v2_sessions).toBeGreaterThan(0);
  expect(cycle.confirmed.v2_organizations).toBeGreaterThan(0);
  expect(cycle.confirmed.classic_sessions).toBeGreaterThan(0);
  expect(cycle.checked.v2_sessions_whoami_ok).toBe(cycle.confirmed.v2_sessions);
  expect(cycle.checked.classic_sessions_roles_ok).toBe(cycle.confirmed.classic_sessions);
  expect(cycle.checked.subjects).toBe(cycle.confirmed.v2_organizations + cycle.confirmed.classic_organizations);
}, 90_000);
