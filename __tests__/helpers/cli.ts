// Helpers of the end-to-end tests (not a test file): the compiled commands run as real child processes.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync, mkdirSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {shebangNodeFlags} from '../../scripts/node-flags.js';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The compiled output. */
export const DIST = join(ROOT, 'dist');

/** The compiled entry points the e2e tests run. */
export const BINS = ['rep', 'rep-server', 'rep-subject-credentials', 'rep-create-org', 'rep-list-orgs', 'rep-create-session', 'rep-sessions'] as const;
export type BinName = (typeof BINS)[number];

/** Timeout for a `beforeAll` that may build dist/. */
export const BUILD_TIMEOUT_MS = 120_000;

const SOURCE_DIRS = ['src', 'server', 'bin', 'components'];

function newestSourceMtime(): number {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    const base = join(ROOT, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base, {recursive: true}) as string[]) {
      if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) newest = Math.max(newest, statSync(join(base, name)).mtimeMs);
    }
  }
  return newest;
}

/** Every compiled file a command needs, for the freshness check. */
function distEntries(): string[] {
  return [
    ...BINS.map((bin) => join(DIST, 'bin', `${bin}.js`)), join(DIST, 'bin', 'command-main.js'), join(DIST, 'bin', 'open-repository.js'),
    join(DIST, 'bin', 'rep-tui.bundle.js'),
  ];
}

function isStale(): boolean {
  const entries = distEntries();
  if (entries.some((file) => !existsSync(file))) return true;
  const oldest = Math.min(...entries.map((file) => statSync(file).mtimeMs));
  return oldest < newestSourceMtime();
}

/** A crude cross-process lock so two jest workers do not run tsc over dist/ at the same time. */
function withBuildLock<T>(body: () => T): T {
  const lock = join(tmpdir(), `rep-e2e-build-${Buffer.from(ROOT).toString('hex').slice(-32)}.lock`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than the build timeout belongs to a dead process.
      try {
        if (Date.now() - statSync(lock).mtimeMs > BUILD_TIMEOUT_MS) rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/**
 * Builds dist/ (tsc -p tsconfig.build.json, scripts/post-build.mjs, then the app bundle) when a compiled entry point is
 * missing or older than the newest source. tsc still emits when another part of the project has type
 * errors, so only the presence of the entry points counts. Call it from `beforeAll` with
 * {@link BUILD_TIMEOUT_MS}.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  withBuildLock(() => {
    if (!isStale()) return; // another worker built it while we waited
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'});
    const missing = distEntries().filter((file) => !existsSync(file));
    if (missing.length > 0) throw new Error(`build failed (missing ${missing.join(', ')}):\n${tsc.stdout}${tsc.stderr}`);
    spawnSync(process.execPath, [join(ROOT, 'scripts/post-build.mjs')], {cwd: ROOT});
    const bundle = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], {cwd: ROOT, encoding: 'utf8'});
    if (bundle.status !== 0) throw new Error(`bundling the app failed:\n${bundle.stdout}${bundle.stderr}`);
  });
}

/** What a finished command gave back. */
export interface CliResult {
  /** Exit code (null when killed by a signal). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /** The REP_* variables (and anything else) of the child, on top of PATH and HOME only. */
  readonly env: Record<string, string>;
  /** Written to the child's stdin, which is then closed (stdin is a pipe: never a TTY). */
  readonly input?: string;
  /** Kills the child and rejects after this long (default 20 s). */
  readonly timeoutMs?: number;
  /** Options for node itself, before the script (e.g. `--import`). */
  readonly nodeArgs?: readonly string[];
  /** Working directory (default the system's temporary folder). */
  readonly cwd?: string;
}

/** The child's environment: PATH and HOME from this process, nothing else inherited (no REP_*, no NODE_OPTIONS). */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  return {...env, ...extra};
}

/** Runs `node dist/bin/<bin>.js ...args` to completion. */
export function runCli(bin: BinName | string, args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  const script = join(DIST, 'bin', `${bin}.js`);
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      env: cleanEnv(options.env),
      cwd: options.cwd ?? tmpdir(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined); // the child may exit before reading its input
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, stdout, stderr});
    });
  });
}

/** A running `rep-server` child process. */
export interface StandaloneServer {
  /** Base URL it printed, e.g. `http://127.0.0.1:43117`. */
  readonly url: string;
  /** The repository key fingerprint it printed (the v2 key's; the classic key's for a classic-only server). */
  readonly fingerprint: string;
  /** Everything it printed so far on stdout and stderr. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s); answers the exit code. Safe to call twice. */
  stop(): Promise<number | null>;
}

/** Starts `dist/bin/rep-server.js` with REP_HOME=`home` and resolves once it printed its URL and fingerprint. */
export function startStandaloneServer(home: string, options: {timeoutMs?: number; args?: readonly string[]} = {}): Promise<StandaloneServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child = spawn(process.execPath, [...shebangNodeFlags(join(DIST, 'bin', 'rep-server.js')), join(DIST, 'bin', 'rep-server.js'), ...(options.args ?? [])], {
    env: cleanEnv({REP_HOME: home}),
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stopping: Promise<number | null> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        try {
          return await exited;
        } finally {
          clearTimeout(killer);
        }
      }
      return child.exitCode;
    })();
    return stopping;
  };
  return new Promise((resolve, reject) => {
    // The v2 key's fingerprint line comes first; a classic-only server (`--suite classic`) prints its classic key's.
    const pattern = /Repository listening on (\S+)\r?\n[\s\S]*?key fingerprint: ([0-9a-f]{64})/;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`rep-server did not print its URL in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      const match = output.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({url: match[1], fingerprint: match[2], output: () => output, stop});
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`rep-server exited (${code}) before printing its URL:\n${output}`));
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const homes: string[] = [];

/** A new, empty temporary folder (a REP_HOME); {@link removeTempHomes} deletes every one made so far. */
export function makeTempHome(prefix = 'rep-e2e-'): string {
  const home = mkdtempSync(join(tmpdir(), prefix));
  homes.push(home);
  return home;
}

/** Deletes the folders made by {@link makeTempHome}. */
export function removeTempHomes(): void {
  for (const home of homes.splice(0)) rmSync(home, {recursive: true, force: true});
}

/** A TCP port on 127.0.0.1 that was listening a moment ago and is now closed (nothing answers there). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it answers something other than undefined (rejects after `timeoutMs`). */
export async function pollFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, everyMs));
  }
}
