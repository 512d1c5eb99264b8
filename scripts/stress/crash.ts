import BetterSqlite3 from 'better-sqlite3';
import {performance} from 'node:perf_hooks';
import {classicSessionRoles} from '../../src/client/classic-session.js';
import {toStoredSession, whoami} from '../../src/client/v2-session.js';
import {repPaths} from '../../src/paths.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import type {InitiatorConfig} from '../../src/protocol/v2/initiator.js';
import {createClassicSubject, createV2Subject, memorySessionStore, openTarget, retarget, storedClassicSession, type Target} from './clients.js';
import {startServerProcess, type ServerProcess} from './server-process.js';

/** Options of {@link runCrashCycles}. */
export interface CrashOptions {
  /** REP_HOME of the server (the same one after every restart). */
  readonly home: string;
  /** The compiled rep-server script (default: the one next to this file once built). */
  readonly script?: string;
  /** kill -9 cycles (default 1). */
  readonly cycles?: number;
  /** Clients run this long before the kill (ms; a random jitter of up to 25 % is added). */
  readonly runMs: number;
  /** Clients doing back-to-back v2 handshakes for existing subjects (default 8). */
  readonly sessionClients?: number;
  /** Clients creating a v2 organization (new subject), then a session for it (default 2). */
  readonly organizationClients?: number;
  /** Clients creating a classic organization, then a classic session for it (default 1). */
  readonly classicClients?: number;
}

/** One kill -9 and restart. */
export interface CrashCycle {
  readonly killed_after_ms: number;
  /** Handshakes and creations in flight when the server was killed. */
  readonly in_flight_at_kill: number;
  /** Confirmed (the client saw success) during this cycle. */
  readonly confirmed: {readonly v2_organizations: number; readonly v2_sessions: number; readonly classic_organizations: number; readonly classic_sessions: number};
  /** `PRAGMA integrity_check` of the database right after the kill (before the restart). */
  readonly integrity_check: string;
  readonly restart_ms: number;
  /** Everything confirmed so far (all cycles), checked on the restarted server. */
  readonly checked: {readonly organizations: number; readonly subjects: number; readonly v2_sessions_whoami_ok: number; readonly classic_sessions_roles_ok: number};
  /** How many confirmed items were missing or unusable after the restart (must be 0), and the first few. */
  readonly lost_count: number;
  readonly lost: readonly string[];
}

/** What {@link runCrashCycles} measured. */
export interface CrashResult {
  readonly cycles: readonly CrashCycle[];
  /** After a clean SIGTERM at the end. */
  readonly final_integrity_check: string;
  /** Sum of `lost` over the cycles. */
  readonly lost: number;
}

/** `PRAGMA integrity_check` of a repository database (opening it recovers the WAL as SQLite does after a crash). */
export function integrityCheck(file: string): string {
  const db = new BetterSqlite3(file);
  try {
    return (db.pragma('integrity_check') as Array<{integrity_check: string}>).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Crash safety: clients create organizations, subjects and sessions of both suites against the standalone
 * server; after `runMs` it is killed with SIGKILL mid-traffic; the database is checked; the server restarts on
 * the same REP_HOME; every organization and subject the clients saw created must be listed, and every session
 * they saw confirmed must answer an authenticated request (v2 whoami, classic session roles) with the keys
 * the client holds.
 */
export async function runCrashCycles(options: CrashOptions): Promise<CrashResult> {
  const paths = repPaths({REP_HOME: options.home});
  let server: ServerProcess = await startServerProcess(options.home, {script: options.script});
  let target: Target = openTarget(options.home, server.url);
  const store = memorySessionStore();
  const subjects: Array<Omit<InitiatorConfig, 'record'>> = [target.alice];
  const organizations: Array<{organization: string; username: string}> = [];
  const v2Sessions: string[] = [];
  const classicSessions: string[] = [];
  const cycles: CrashCycle[] = [];

  try {
    for (let cycle = 0; cycle < (options.cycles ?? 1); cycle++) {
      const confirmed = {v2_organizations: 0, v2_sessions: 0, classic_organizations: 0, classic_sessions: 0};
      let killed = false;
      let inFlight = 0;
      let inFlightAtKill = 0;
      const current = target;
      /** Runs `step` back to back until the kill; a failure after the kill ends the loop, before it is an error. */
      const loop = async (step: () => Promise<void>) => {
        while (!killed) {
          inFlight++;
          try {
            await step();
          } catch (error) {
            if (!killed) throw error;
          } finally {
            inFlight--;
          }
        }
      };
      const v2Session = async (subject: Omit<InitiatorConfig, 'record'>) => {
        const outcome = await runV2Handshake({transport: current.transport}, subject);
        const stored = toStoredSession(outcome, current.url, current.fingerprint, Date.now());
        await store.save(stored);
        v2Sessions.push(stored.id);
        confirmed.v2_sessions++;
      };
      const clients = [
        ...Array.from({length: options.sessionClients ?? 8}, () => loop(() => v2Session(subjects[Math.floor(Math.random() * subjects.length)]))),
        ...Array.from({length: options.organizationClients ?? 2}, () => loop(async () => {
          const subject = await createV2Subject(current);
          subjects.push(subject);
          organizations.push({organization: subject.organization, username: subject.username});
          confirmed.v2_organizations++;
          await v2Session(subject);
        })),
        ...Array.from({length: options.classicClients ?? 1}, () => loop(async () => {
          const subject = await createClassicSubject(current);
          organizations.push({organization: subject.organization, username: subject.username});
          confirmed.classic_organizations++;
          const outcome = await runClassicHandshake({transport: current.classicTransport}, subject);
          const stored = storedClassicSession(outcome, current);
          await store.save(stored);
          classicSessions.push(stored.id);
          confirmed.classic_sessions++;
        })),
      ];
      const killAfter = options.runMs * (1 + Math.random() / 4);
      const running = Promise.all(clients);
      await Promise.race([pause(killAfter), running]);
      killed = true;
      inFlightAtKill = inFlight;
      await server.kill('SIGKILL');
      await running;
      current.close();

      const integrity = integrityCheck(paths.database);
      const restartStarted = performance.now();
      server = await startServerProcess(options.home, {script: options.script});
      const restartMs = performance.now() - restartStarted;
      target = retarget(current, server.url);

      const lost: string[] = [];
      const listed = await target.transport.request('GET', '/v2/organizations');
      const names = new Map((listed.body as {organizations: Array<{name: string; subjects: Array<{username: string}>}>}).organizations
        .map((o) => [o.name, new Set(o.subjects.map((s) => s.username))]));
      let subjectsFound = 0;
      for (const {organization, username} of organizations) {
        if (!names.has(organization)) lost.push(`organization ${organization}`);
        else if (!names.get(organization)!.has(username)) lost.push(`subject ${organization}/${username}`);
        else subjectsFound++;
      }
      let whoamiOk = 0;
      for (const id of v2Sessions) {
        try {
          const answer = await whoami(target.transport, store, id);
          if (answer.session_id === id) whoamiOk++;
          else lost.push(`v2 session ${id}: whoami answered ${answer.session_id}`);
        } catch (error) {
          lost.push(`v2 session ${id}: ${(error as Error).message}`);
        }
      }
      let rolesOk = 0;
      for (const id of classicSessions) {
        try {
          await classicSessionRoles(target.classicTransport, store, id);
          rolesOk++;
        } catch (error) {
          lost.push(`classic session ${id}: ${(error as Error).message}`);
        }
      }
      cycles.push({
        killed_after_ms: Math.round(killAfter), in_flight_at_kill: inFlightAtKill, confirmed, integrity_check: integrity,
        restart_ms: Math.round(restartMs),
        checked: {organizations: names.size, subjects: subjectsFound, v2_sessions_whoami_ok: whoamiOk, classic_sessions_roles_ok: rolesOk},
        lost_count: lost.length, lost: lost.slice(0, 20),
      });
    }
  } finally {
    target.close();
    await server.kill('SIGTERM');
  }
  return {cycles, final_integrity_check: integrityCheck(paths.database), lost: cycles.reduce((n, c) => n + c.lost_count, 0)};
}
