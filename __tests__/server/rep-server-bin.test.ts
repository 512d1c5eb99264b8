import {spawn, spawnSync, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {httpRequest, makeTempHome, type TempHome} from './server-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'dist/bin/rep-server.js');

function newestSource(): number {
  let newest = 0;
  for (const dir of ['server', 'src']) {
    for (const name of readdirSync(join(ROOT, dir), {recursive: true}) as string[]) {
      if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(ROOT, dir, name)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(join(ROOT, 'bin/rep-server.ts')).mtimeMs);
}

/** Builds dist/ when the compiled entry is missing or older than its sources (tsc still emits on type errors elsewhere). */
function buildIfNeeded(): void {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSource()) return;
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'});
  if (!existsSync(BIN)) throw new Error(`build failed:\n${tsc.stdout}${tsc.stderr}`);
  spawnSync(process.execPath, ['scripts/post-build.mjs'], {cwd: ROOT});
}

function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, REP_HOME: home};
  delete env.NODE_OPTIONS;
  delete env.REP_PORT;
  return env;
}

/** Runs a short command of the compiled bin to completion. */
function runBin(home: string, args: string[]): {status: number | null; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, [BIN, ...args], {env: childEnv(home), encoding: 'utf8', timeout: 30_000});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Collects the child's stdout and resolves once a line matches (rejects if the child exits first). */
function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = text.match(pattern);
      if (match) {
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`rep-server exited (${code}) before printing ${pattern}:\n${text}${errors}`));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('dist/bin/rep-server.js', () => {
  let home: TempHome;
  beforeAll(() => {
    buildIfNeeded();
    home = makeTempHome('rep-server-bin-');
  }, 120_000);
  afterAll(() => home.remove());

  it('starts with a shebang that runs node with its flags, and runs as an executable', () => {
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env -S node --max-semi-space-size=4');
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const direct = spawnSync(BIN, ['--help'], {env: childEnv(home.home), encoding: 'utf8'});
    expect(direct.status).toBe(0);
    expect(direct.stdout).toContain('rep-server subject suspend <org> <username>');
  });

  it('prints usage for --help', () => {
    const result = runBin(home.home, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('rep-server subject suspend <org> <username>');
  });

  it('refuses a bad option with exit code 2', () => {
    const result = runBin(home.home, ['--port', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a port number');
  });

  it('serves on a free port, seeds the demo, answers health and stops on SIGTERM with exit code 0', async () => {
    const child = spawn(process.execPath, [BIN], {env: childEnv(home.home)});
    const exited = exitCode(child);
    try {
      const [, url] = await waitForLine(child, /Repository listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Repository key fingerprint: ([0-9a-f]{64})\n[\s\S]*alice\.pub\.pem/);
      const health = await httpRequest(url, 'GET', '/v2/health');
      expect(health.status).toBe(200);
      expect(health.json()).toEqual({ok: true});
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(home.home, 'credentials', 'alice.pem'))).toBe(true);
  });

  // The tests below reuse the REP_HOME the previous test seeded.
  it('suspends and activates a subject directly in the database', () => {
    const suspended = runBin(home.home, ['subject', 'suspend', 'acme', 'alice']);
    expect(suspended.status).toBe(0);
    expect(suspended.stdout).toContain('is now suspended');
    expect(runBin(home.home, ['subject', 'activate', 'acme', 'alice']).stdout).toContain('is now active');
  });

  it('exits 1 with a sentence when the subject does not exist', () => {
    const result = runBin(home.home, ['subject', 'suspend', 'acme', 'nobody']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('There is no subject "nobody" in organization "acme".');
  });

  it('stops on SIGINT too, and does not seed again on a second start', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], {env: childEnv(home.home)});
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = exitCode(child);
    try {
      await waitForLine(child, /Repository key fingerprint: [0-9a-f]{64}\n/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Received SIGINT');
    expect(stdout).not.toContain('Seeded');
  });
});
