import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import type {StoredSession} from '../../../src/store/session-record.js';
import {createConfSessionStore, SessionStoreError, type SessionStoreWarning} from '../../../src/store/session-store.js';

const root = process.cwd();
let dir: string;
let warnings: SessionStoreWarning[];
const open = (extra: {lockRetries?: number} = {}) =>
  createConfSessionStore({dir, onWarning: (w) => warnings.push(w), ...extra});
const fileMode = (path: string) => statSync(path).mode & 0o777;

function session(id: string, overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    id,
    suite: 'v2',
    organization: 'org1',
    username: 'alice',
    serverUrl: 'http://127.0.0.1:5000',
    repositoryKeyFingerprint: 'ab'.repeat(32),
    createdAt: '2025-01-01T10:00:00.000Z',
    expiresAt: '2025-01-01T11:00:00.000Z',
    keys: {clientToServer: 'AAAA', serverToClient: 'BBBB'},
    nextSequence: 1,
    ...overrides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rep-store-'));
  warnings = [];
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

describe('session store on a real conf file', () => {
  it('saves, finds by id and by unique prefix, lists newest first', async () => {
    const store = open();
    await store.save(session('abc111', {createdAt: '2025-01-01T10:00:00Z'}));
    await store.save(session('abd222', {createdAt: '2025-03-01T10:00:00Z'}));
    await store.save(session('xyz333', {createdAt: '2025-02-01T10:00:00Z'}));
    expect((await store.get('abc111'))?.id).toBe('abc111');
    expect((await store.get('xy'))?.id).toBe('xyz333');
    expect(await store.get('nope')).toBeUndefined();
    await expect(store.get('ab')).rejects.toMatchObject({code: 'ambiguous_id'});
    expect((await store.list()).map((s) => s.id)).toEqual(['abd222', 'xyz333', 'abc111']);
    // A second store (another process's view) sees the same file: nothing is cached in memory.
    expect((await open().list()).length).toBe(3);
    expect(store.path).toBe(join(dir, 'sessions.json'));
  });

  it('updates and deletes', async () => {
    const store = open();
    await store.save(session('s1'));
    const next = await store.update('s1', (s) => ({...s, nextSequence: s.nextSequence + 1}));
    expect(next.nextSequence).toBe(2);
    expect((await open().get('s1'))?.nextSequence).toBe(2);
    await expect(store.update('missing', (s) => s)).rejects.toMatchObject({code: 'not_found'});
    await expect(store.update('s1', (s) => ({...s, id: 'other'}))).rejects.toBeInstanceOf(SessionStoreError);
    expect(await store.delete('s1')).toBe(true);
    expect(await store.delete('s1')).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('writes pretty JSON with mode 0600, also over an existing 0644 file', async () => {
    const store = open();
    await store.save(session('s1'));
    expect(fileMode(store.path)).toBe(0o600);
    expect(readFileSync(store.path, 'utf8')).toMatch(/^\{\n {2}"sessions": \{\n {4}"s1": \{/);

    chmodSync(store.path, 0o644);
    await open().save(session('s2'));
    expect(fileMode(store.path)).toBe(0o600);
    chmodSync(store.path, 0o644);
    expect((await open().list()).length).toBe(2); // reading alone tightens the mode too
    expect(fileMode(store.path)).toBe(0o600);
  });

  it('moves a corrupt file aside instead of wiping it, and keeps working', async () => {
    const store = open();
    writeFileSync(store.path, '{"sessions": {"s1": {"id": "s1", trunc');
    expect(await store.list()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({code: 'corrupt_file'});
    const moved = readdirSync(dir).filter((name) => name.startsWith('sessions.json.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(warnings[0].movedTo).toBe(join(dir, moved[0]));
    expect(readFileSync(join(dir, moved[0]), 'utf8')).toBe('{"sessions": {"s1": {"id": "s1", trunc');
    await store.save(session('s2'));
    expect((await store.list()).map((s) => s.id)).toEqual(['s2']);
  });

  it('skips and reports a corrupt entry but never drops it', async () => {
    const store = open();
    await store.save(session('good'));
    const file = JSON.parse(readFileSync(store.path, 'utf8'));
    file.sessions.bad = {id: 'bad', suite: 'v3'};
    writeFileSync(store.path, JSON.stringify(file));
    expect((await store.list()).map((s) => s.id)).toEqual(['good']);
    expect(warnings.map((w) => w.code)).toEqual(['corrupt_entry']);
    expect(warnings[0].message).toContain('suite');
    await store.save(session('other'));
    expect(JSON.parse(readFileSync(store.path, 'utf8')).sessions.bad).toEqual({id: 'bad', suite: 'v3'});
    expect(await store.delete('bad')).toBe(true);
  });

  it('takes over a stale lock and reports a live one as locked', async () => {
    const store = open({lockRetries: 2});
    const lockDir = `${store.path}.lock`;
    mkdirSync(lockDir);
    await expect(store.save(session('s1'))).rejects.toMatchObject({code: 'locked'});
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockDir, old, old); // its owner died a minute ago
    await store.save(session('s1'));
    expect((await store.get('s1'))?.id).toBe('s1');
    expect(existsSync(lockDir)).toBe(false);
  });

  it('loses nothing when two stores in one process save at once', async () => {
    const a = open();
    const b = open();
    await Promise.all(Array.from({length: 20}, (_, i) => (i % 2 ? a : b).save(session(`p${i}`))));
    expect((await a.list()).length).toBe(20);
  });
});

describe('session store across processes', () => {
  const distStore = join(root, 'dist/src/store/session-store.js');
  const sources = ['src/store/session-store.ts', 'src/store/session-record.ts'].map((f) => join(root, f));

  beforeAll(() => {
    const stale = !existsSync(distStore) || sources.some((f) => statSync(f).mtimeMs > statSync(distStore).mtimeMs);
    if (!stale) return;
    // Errors elsewhere in the project do not stop tsc from emitting this file, so only its presence counts.
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {cwd: root, encoding: 'utf8'});
    if (!existsSync(distStore)) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
  }, 120_000);

  const child = `
    const [url, dir, worker, count, mode] = process.argv.slice(1);
    const {createConfSessionStore} = await import(url);
    const store = createConfSessionStore({dir});
    process.stdout.write('ready\\n');
    await new Promise((go) => process.stdin.once('data', go));
    for (let i = 0; i < Number(count); i++) {
      if (mode === 'update') await store.update('shared', (s) => ({...s, nextSequence: s.nextSequence + 1}));
      else await store.save({id: 'w' + worker + '-' + i, suite: 'classic', organization: 'o', username: 'u',
        serverUrl: 'http://127.0.0.1:1', repositoryKeyFingerprint: '0'.repeat(64), createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3600e3).toISOString(), keys: {k: 'AA'}, nextSequence: 1});
    }
    process.exit(0);`;

  /** Starts `workers` processes, releases them together once all are ready, resolves when all exit 0. */
  async function runWorkers(workers: number, count: number, mode: 'save' | 'update'): Promise<void> {
    const procs = Array.from({length: workers}, (_, w) =>
      spawn(process.execPath, ['--input-type=module', '-e', child, pathToFileURL(distStore).href, dir, String(w), String(count), mode]),
    );
    const exits = procs.map((p) => new Promise<string>((done) => {
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => done(code === 0 ? '' : `worker exited ${code}: ${err}`));
    }));
    await Promise.all(procs.map((p) => new Promise((ready) => p.stdout.once('data', ready))));
    for (const p of procs) p.stdin.end('go');
    expect((await Promise.all(exits)).join('')).toBe('');
  }

  it('4 processes saving 25 sessions each at the same time lose nothing', async () => {
    await runWorkers(4, 25, 'save');
    const sessions = await open().list();
    expect(sessions.length).toBe(100);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(100);
    expect(warnings).toEqual([]);
    expect(fileMode(join(dir, 'sessions.json'))).toBe(0o600);
  }, 60_000);

  it('4 processes each incrementing one counter 25 times reach exactly 101', async () => {
    await open().save(session('shared'));
    await runWorkers(4, 25, 'update');
    expect((await open().get('shared'))?.nextSequence).toBe(101);
  }, 60_000);
});
