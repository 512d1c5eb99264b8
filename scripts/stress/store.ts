import {spawn} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {performance} from 'node:perf_hooks';
import {createConfSessionStore, type SessionStoreWarning} from '../../src/store/session-store.js';

/** The compiled session store next to this file once built (dist/scripts/stress → dist/src/store). */
export const DEFAULT_STORE_MODULE = fileURLToPath(new URL('../../src/store/session-store.js', import.meta.url));

/** One worker process: opens the store, says "ready", waits for "go" on stdin, saves `count` sessions. */
const WORKER = `
  const [url, dir, worker, count] = process.argv.slice(1);
  const {createConfSessionStore} = await import(url);
  const {randomBytes} = await import('node:crypto');
  const store = createConfSessionStore({dir, onWarning: (w) => process.stderr.write('warning ' + w.code + ': ' + w.message + '\\n')});
  process.stdout.write('ready\\n');
  await new Promise((go) => process.stdin.once('data', go));
  const b64 = (n) => randomBytes(n).toString('base64url');
  for (let i = 0; i < Number(count); i++) {
    await store.save({id: 'w' + worker + '-' + i + '-' + b64(8), suite: 'v2', organization: 'acme', username: 'alice',
      serverUrl: 'http://127.0.0.1:1', repositoryKeyFingerprint: 'ab'.repeat(32), createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3600e3).toISOString(), keys: {clientToServer: b64(32), serverToClient: b64(32)}, nextSequence: 1});
  }
  process.exit(0);`;

/** What {@link runStoreWorkers} measured. */
export interface StoreResult {
  readonly processes: number;
  readonly sessions_each: number;
  readonly expected: number;
  /** Sessions in the file afterwards (read by a fresh store). */
  readonly present: number;
  /** Distinct ids among them. */
  readonly unique: number;
  /** Every worker's id prefix is complete (`w<n>-0` … `w<n>-<count-1>`). */
  readonly complete: boolean;
  /** Warnings from the workers (stderr) and from reading the file back. */
  readonly warnings: readonly string[];
  /** The lock file was left behind. */
  readonly lock_left: boolean;
  readonly file_mode: string;
  /** From releasing the workers to the last exit. */
  readonly seconds: number;
}

/**
 * Starts `processes` node processes on one store folder, releases them together once all are ready, each
 * saving `count` sessions; then reads the file back with a fresh store. `storeModule` is the compiled
 * session-store.js the workers import.
 */
export async function runStoreWorkers(dir: string, options: {processes?: number; count?: number; storeModule?: string} = {}): Promise<StoreResult> {
  const processes = options.processes ?? 8;
  const count = options.count ?? 25;
  const url = pathToFileURL(options.storeModule ?? DEFAULT_STORE_MODULE).href;
  const children = Array.from({length: processes}, (_, w) =>
    spawn(process.execPath, ['--input-type=module', '-e', WORKER, url, dir, String(w), String(count)], {stdio: ['pipe', 'pipe', 'pipe']}));
  const warnings: string[] = [];
  const exits = children.map((child) => new Promise<void>((done, fail) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      warnings.push(...err.split('\n').filter((line) => line.startsWith('warning ')));
      if (code === 0) done();
      else fail(new Error(`store worker exited ${code}: ${err}`));
    });
  }));
  await Promise.all(children.map((child) => new Promise((ready) => child.stdout.once('data', ready))));
  const started = performance.now();
  for (const child of children) child.stdin.end('go');
  await Promise.all(exits);
  const seconds = (performance.now() - started) / 1000;
  const readWarnings: SessionStoreWarning[] = [];
  const store = createConfSessionStore({dir, onWarning: (w) => readWarnings.push(w)});
  const ids = (await store.list()).map((s) => s.id);
  const complete = Array.from({length: processes}, (_, w) => Array.from({length: count}, (__, i) => `w${w}-${i}-`))
    .flat().every((prefix) => ids.some((id) => id.startsWith(prefix)));
  return {
    processes, sessions_each: count, expected: processes * count, present: ids.length, unique: new Set(ids).size, complete,
    warnings: [...warnings, ...readWarnings.map((w) => `${w.code}: ${w.message}`)],
    lock_left: existsSync(`${store.path}.lock`),
    file_mode: (statSync(join(dir, 'sessions.json')).mode & 0o777).toString(8),
    seconds: Number(seconds.toFixed(2)),
  };
}
