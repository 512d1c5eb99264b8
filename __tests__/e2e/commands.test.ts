// End-to-end: the compiled commands (dist/bin/*.js) as real child processes, each test in its own REP_HOME.
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {
  BUILD_TIMEOUT_MS, closedPort, DIST, ensureBuilt, makeTempHome, pollFor, removeTempHomes, runCli, startStandaloneServer,
  type CliResult, type StandaloneServer,
} from '../helpers/cli.js';

const TEST_TIMEOUT_MS = 45_000;
const DEMO_PASSWORD = 'alice-demo';

interface SessionSummary {
  id: string;
  suite: string;
  organization: string;
  username: string;
  server_url: string;
  repository_key_fingerprint: string;
  expired: boolean;
  next_sequence: number;
  keys?: Record<string, string>;
}

const mode = (file: string) => statSync(file).mode & 0o777;
const alicePem = (home: string) => join(home, 'credentials', 'alice.pem');
const repositoryKey = (home: string) => join(home, 'server', 'repository-key.pub.pem');

/** Explains a failed expectation on a command with everything it printed. */
function show(result: CliResult): string {
  return `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

function expectExit(result: CliResult, code: number): void {
  if (result.code !== code) throw new Error(`expected exit ${code}, got ${show(result)}`);
}

/** Parses a `--json` answer on stdout of a command that succeeded. */
function json<T = any>(result: CliResult): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  expectExit(result, 0);
  return JSON.parse(result.stdout) as T;
}

/** Parses the one-line JSON error document a failing `--json` command writes on stderr. */
function jsonError(result: CliResult): {error: string; message: string; exit_code: number; stage?: string} {
  const lines = result.stderr.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${show(result)}`);
  return JSON.parse(lines[0]);
}

async function listSessions(env: Record<string, string>): Promise<SessionSummary[]> {
  return json<{sessions: SessionSummary[]}>(await runCli('rep-sessions', ['list', '--json'], {env})).sessions;
}

/** Starts the bundled server once in `home` (seeds acme/alice and writes the repository key files). */
async function seed(home: string): Promise<void> {
  const result = await runCli('rep-list-orgs', [], {env: {REP_HOME: home}});
  expectExit(result, 0);
  expect(existsSync(alicePem(home))).toBe(true);
  expect(existsSync(repositoryKey(home))).toBe(true);
}

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
afterEach(() => removeTempHomes());

describe('commands against the bundled in-process server', () => {
  it('1. credentials, organization, listing, session, show, verify after a restart, delete', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home};
    const bob = join(home, 'bob.pem');
    const carol = join(home, 'carol.pem');

    const [plain, asJson] = await Promise.all([
      runCli('rep-subject-credentials', ['pw', bob], {env}),
      runCli('rep-subject-credentials', ['pw', carol, '--json'], {env}),
    ]);
    expectExit(plain, 0);
    expect(existsSync(bob)).toBe(true);
    expect(existsSync(join(home, 'bob.pub.pem'))).toBe(true);
    expect(mode(bob)).toBe(0o600);
    expect(readFileSync(bob, 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const credentials = json(asJson);
    expect(credentials).toEqual({private_key_file: carol, public_key_file: join(home, 'carol.pub.pem'), fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/)});
    expect(mode(carol)).toBe(0o600);
    expect(existsSync(credentials.public_key_file)).toBe(true);

    expectExit(await runCli('rep-create-org', ['lab', 'bob', 'Bob B', 'bob@lab.example', join(home, 'bob.pub.pem')], {env}), 0);

    const orgs = json<{organizations: Array<{name: string; subjects: Array<{username: string; status: string}>}>}>(
      await runCli('rep-list-orgs', ['--json'], {env}));
    expect(orgs.organizations.map((o) => o.name).sort()).toEqual(['acme', 'lab']);
    expect(orgs.organizations.find((o) => o.name === 'lab')?.subjects).toEqual([{username: 'bob', status: 'active'}]);

    const sessionFile = join(home, 's.json');
    const created = await runCli('rep-create-session', ['lab', 'bob', 'pw', bob, sessionFile], {env});
    expectExit(created, 0);
    expect(created.stdout).toContain('Session created');
    expect(created.stderr).toBe('');
    expect(mode(sessionFile)).toBe(0o600);
    const stored = JSON.parse(readFileSync(sessionFile, 'utf8'));
    expect(created.stdout).toContain(`sessionId=${stored.id}`);
    expect(stored).toMatchObject({suite: 'v2', organization: 'lab', username: 'bob'});

    const listed = await listSessions(env);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({id: stored.id, organization: 'lab', username: 'bob', suite: 'v2', expired: false, next_sequence: 1});
    expect(listed[0]).not.toHaveProperty('keys');
    expect(mode(join(home, 'sessions.json'))).toBe(0o600);

    const prefix = stored.id.slice(0, 8);
    const [shown, revealed] = await Promise.all([
      runCli('rep-sessions', ['show', '--json', prefix], {env}),
      runCli('rep-sessions', ['show', '--reveal', '--json', prefix], {env}),
    ]);
    const summary = json<SessionSummary>(shown);
    expect(summary).toMatchObject({id: stored.id, organization: 'lab', username: 'bob', suite: 'v2'});
    expect(summary).not.toHaveProperty('keys');
    expect(json<SessionSummary>(revealed).keys).toEqual(stored.keys);

    // verify starts a new in-process server (another port) on the same REP_HOME: the session survived.
    const verified = await runCli('rep-sessions', ['verify', stored.id], {env});
    expectExit(verified, 0);
    expect(verified.stdout).toContain(`Session ${stored.id} is valid: lab/bob`);

    expectExit(await runCli('rep-sessions', ['delete', stored.id], {env}), 0);
    expect((await listSessions(env)).map((s) => s.id)).not.toContain(stored.id);
  }, TEST_TIMEOUT_MS);

  it('2. takes the password from REP_KEY_PASSWORD with 4 arguments; without it and without a TTY it is a usage error', async () => {
    const home = makeTempHome();
    await seed(home);
    const args = ['acme', 'alice', alicePem(home)];
    const [withVariable, without] = await Promise.all([
      runCli('rep-create-session', [...args, join(home, 'a.json')], {env: {REP_HOME: home, REP_KEY_PASSWORD: DEMO_PASSWORD}}),
      // The password on stdin is not read: stdin is not a terminal.
      runCli('rep-create-session', [...args, join(home, 'b.json')], {env: {REP_HOME: home}, input: `${DEMO_PASSWORD}\n`}),
    ]);
    expectExit(withVariable, 0);
    expect(withVariable.stdout).toContain('Session created');
    expectExit(without, 2);
    expect(without.stderr).toContain('REP_KEY_PASSWORD');
    expect(existsSync(join(home, 'b.json'))).toBe(false);
    expect(await listSessions({REP_HOME: home})).toHaveLength(1);
  }, TEST_TIMEOUT_MS);

  it('3. a wrong password exits 3 with one line and stores nothing', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home};
    const key = join(home, 'k.pem');
    expectExit(await runCli('rep-subject-credentials', ['right', key], {env}), 0);
    const result = await runCli('rep-create-session', ['acme', 'alice', 'wrong', key, join(home, 's.json')], {env});
    expectExit(result, 3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('wrong password');
    expect(existsSync(join(home, 's.json'))).toBe(false);
    expect(await listSessions(env)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('4. a missing credentials file exits 3 with "cannot read"', async () => {
    const home = makeTempHome();
    const missing = join(home, 'nope.pem');
    const result = await runCli('rep-create-session', ['acme', 'alice', 'pw', missing, join(home, 's.json')], {env: {REP_HOME: home}});
    expectExit(result, 3);
    expect(result.stderr).toContain('cannot read');
    expect(result.stderr).toContain(missing);
  }, TEST_TIMEOUT_MS);

  it('9. an unknown --suite is a usage error: exit 2, "unknown suite"', async () => {
    const home = makeTempHome();
    const result = await runCli('rep-create-session', ['acme', 'alice', 'pw', join(home, 'k.pem'), join(home, 's.json'), '--suite', 'v3'], {env: {REP_HOME: home}});
    expectExit(result, 2);
    expect(result.stderr).toContain('unknown suite');
    expect(result.stderr).toContain('usage: rep-create-session');
  }, TEST_TIMEOUT_MS);

  it('10. unknown organization, unknown user and a wrong key give the same answer (T14)', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home, REP_KEY_PASSWORD: DEMO_PASSWORD};
    const other = join(home, 'other.pem');
    await Promise.all([
      seed(home),
      runCli('rep-subject-credentials', [DEMO_PASSWORD, other], {env}).then((r) => expectExit(r, 0)),
    ]);
    const attempts = await Promise.all([
      runCli('rep-create-session', ['no-such-org', 'alice', alicePem(home), join(home, 'a.json')], {env}),
      runCli('rep-create-session', ['acme', 'nobody', alicePem(home), join(home, 'b.json')], {env}),
      runCli('rep-create-session', ['acme', 'alice', other, join(home, 'c.json')], {env}),
    ]);
    for (const attempt of attempts) expectExit(attempt, 1);
    const errors = attempts.map((a) => a.stderr);
    expect(errors[0]).not.toBe('');
    expect(errors[1]).toBe(errors[0]);
    expect(errors[2]).toBe(errors[0]);
    // Nothing in the sentence tells which of the three was wrong.
    expect(errors[0]).not.toMatch(/no-such-org|nobody/);
    expect(await listSessions(env)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('11. rep with no arguments runs the demo in a new REP_HOME', async () => {
    const home = makeTempHome();
    const result = await runCli('rep', [], {env: {REP_HOME: home}});
    expectExit(result, 0);
    expect(result.stdout).toContain('Session created');
    expect(existsSync(join(home, 'demo-session.json'))).toBe(true);
    expect((await listSessions({REP_HOME: home}))[0]).toMatchObject({organization: 'acme', username: 'alice'});
  }, TEST_TIMEOUT_MS);
});

describe('failures', () => {
  it('5. an unreachable repository exits 4 with "cannot reach the repository"', async () => {
    const home = makeTempHome();
    await seed(home);
    const port = await closedPort();
    const env = {REP_HOME: home, REP_ADDRESS: `127.0.0.1:${port}`, REP_PUB_KEY: repositoryKey(home)};
    const [list, create] = await Promise.all([
      runCli('rep-list-orgs', [], {env}),
      runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(home), join(home, 's.json')], {env}),
    ]);
    for (const result of [list, create]) {
      expectExit(result, 4);
      expect(result.stderr).toContain('cannot reach the repository');
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
    }
    expect(existsSync(join(home, 's.json'))).toBe(false);
    expect(await listSessions({REP_HOME: home})).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('6. a repository that is not the pinned one exits 5 and stores nothing', async () => {
    const serverHome = makeTempHome();
    const otherHome = makeTempHome();
    const [server] = await Promise.all([startStandaloneServer(serverHome), seed(otherHome)]);
    try {
      const env = {REP_HOME: otherHome, REP_ADDRESS: server.url, REP_PUB_KEY: repositoryKey(otherHome)};
      const [text, asJson] = await Promise.all([
        runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(serverHome), join(otherHome, 'a.json')], {env}),
        runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(serverHome), join(otherHome, 'b.json'), '--json'], {env}),
      ]);
      expectExit(text, 5);
      expect(text.stderr).toMatch(/signature/i);
      expect(text.stderr).toMatch(/pinned/i);
      expect(jsonError(asJson)).toMatchObject({error: 'bad_repository_signature', stage: 'A0', exit_code: 5});
      expect(existsSync(join(otherHome, 'a.json'))).toBe(false);
      expect(existsSync(join(otherHome, 'b.json'))).toBe(false);
      expect(await listSessions({REP_HOME: otherHome})).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, TEST_TIMEOUT_MS);

  it('8. with --json, failures print one JSON document on stderr and nothing on stdout', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home};
    const key = join(home, 'k.pem');
    const port = await closedPort();
    expectExit(await runCli('rep-subject-credentials', ['right', key], {env}), 0);
    const cases: Array<[Promise<CliResult>, number, string]> = [
      [runCli('rep-create-session', ['acme', 'alice', 'wrong', key, join(home, 's.json'), '--json'], {env}), 3, 'wrong_password'],
      [runCli('rep-create-session', ['acme', 'alice', 'pw', key, join(home, 's.json'), '--suite', 'v3', '--json'], {env}), 2, 'usage'],
      [runCli('rep-create-session', ['--json', '--bogus'], {env}), 2, 'usage'],
      [runCli('rep-sessions', ['show', 'nope', '--json'], {env}), 3, 'not_found'],
      [runCli('rep-list-orgs', ['--json'], {env: {REP_HOME: home, REP_ADDRESS: `127.0.0.1:${port}`}}), 2, 'pinned_key_missing'],
      [runCli('rep-subject-credentials', ['', join(home, 'e.pem'), '--json'], {env}), 2, 'empty_password'],
      [runCli('rep-create-org', ['lab', 'bob', 'Bob', 'bob@lab.example', join(home, 'missing.pub.pem'), '--json'], {env}), 3, 'public_key_unreadable'],
    ];
    const results = await Promise.all(cases.map(([run]) => run));
    results.forEach((result, i) => {
      const [, exit, code] = cases[i];
      expectExit(result, exit);
      expect(result.stdout).toBe('');
      const error = jsonError(result);
      expect(error).toMatchObject({error: code, exit_code: exit});
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeGreaterThan(0);
    });
  }, TEST_TIMEOUT_MS);
});

describe('standalone rep-server and external clients', () => {
  it('7. a client in another REP_HOME creates and verifies a session; a suspended subject is refused', async () => {
    const serverHome = makeTempHome();
    const clientHome = makeTempHome();
    const server: StandaloneServer = await startStandaloneServer(serverHome);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The seeding lines follow the URL line, possibly in a later chunk.
      await pollFor(() => (server.output().includes(alicePem(serverHome)) ? true : undefined), 5_000);
      const env = {REP_HOME: clientHome, REP_ADDRESS: server.url, REP_PUB_KEY: repositoryKey(serverHome)};
      const created = await runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(serverHome), join(clientHome, 's.json'), '--json'], {env});
      const answer = json<{session: SessionSummary; session_file: string}>(created);
      expect(answer.session).toMatchObject({organization: 'acme', username: 'alice', suite: 'v2', server_url: server.url, repository_key_fingerprint: server.fingerprint});
      expect(answer.session_file).toBe(join(clientHome, 's.json'));
      // The client's REP_HOME holds the session store only: no server was started there.
      expect(existsSync(join(clientHome, 'server'))).toBe(false);

      const id = answer.session.id;
      const [verified, elsewhere] = await Promise.all([
        runCli('rep-sessions', ['verify', '--json', id], {env}),
        // Without REP_ADDRESS the bundled server of the client's REP_HOME answers: another repository key.
        runCli('rep-sessions', ['verify', id], {env: {REP_HOME: clientHome}}),
      ]);
      expect(json(verified)).toMatchObject({verified: true, whoami: {session_id: id, organization: 'acme', username: 'alice'}});
      expectExit(elsewhere, 5);
      expect(elsewhere.stderr).toContain(server.url);

      const suspended = await runCli('rep-server', ['subject', 'suspend', 'acme', 'alice'], {env: {REP_HOME: serverHome}});
      expectExit(suspended, 0);
      expect(suspended.stdout).toContain('is now suspended');

      const refused = await runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(serverHome), join(clientHome, 't.json')], {env});
      expectExit(refused, 1);
      expect(refused.stderr).toContain('suspended');
      expect(existsSync(join(clientHome, 't.json'))).toBe(false);
      expect((await listSessions({REP_HOME: clientHome})).map((s) => s.id)).toEqual([id]);
      // The session made before the suspension is refused too, from the next request on.
      const stale = await runCli('rep-sessions', ['verify', id], {env});
      expectExit(stale, 1);
      expect(stale.stderr).toContain('suspended');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, TEST_TIMEOUT_MS);

  it('12. four processes creating sessions at once in one REP_HOME lose none', async () => {
    const serverHome = makeTempHome();
    const clientHome = makeTempHome();
    const server = await startStandaloneServer(serverHome);
    try {
      const env = {REP_HOME: clientHome, REP_ADDRESS: server.url, REP_PUB_KEY: repositoryKey(serverHome), REP_KEY_PASSWORD: DEMO_PASSWORD};
      const results = await Promise.all([0, 1, 2, 3].map((i) =>
        runCli('rep-create-session', ['acme', 'alice', alicePem(serverHome), join(clientHome, `s${i}.json`), '--json'], {env})));
      const ids = results.map((r) => json<{session: SessionSummary}>(r).session.id);
      expect(new Set(ids).size).toBe(4);
      const listed = await listSessions({REP_HOME: clientHome});
      expect(listed.map((s) => s.id).sort()).toEqual([...ids].sort());
      expect(mode(join(clientHome, 'sessions.json'))).toBe(0o600);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, TEST_TIMEOUT_MS);
});

describe('the scriptable commands do not load React or Ink', () => {
  it('records every module rep-list-orgs and rep-create-session load (ESM resolve hook + require.cache)', async () => {
    const home = makeTempHome();
    // An ESM resolve hook (module.register) logs every resolved URL, also of dynamic imports; at exit the
    // CommonJS cache is appended, so modules loaded with require() by dependencies count too.
    const hooks = join(home, 'hooks.mjs');
    writeFileSync(hooks, `import {appendFileSync} from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, specifier + '\\t' + result.url + '\\n');
  return result;
}
`);
    const register = join(home, 'register.mjs');
    writeFileSync(register, `import {register, createRequire} from 'node:module';
import {appendFileSync} from 'node:fs';
const log = process.env.REP_E2E_IMPORT_LOG;
register(${JSON.stringify(pathToFileURL(hooks).href)}, {data: {log}});
process.on('exit', () => {
  for (const file of Object.keys(createRequire(import.meta.url).cache)) appendFileSync(log, 'require\\t' + file + '\\n');
});
`);
    const nodeArgs = ['--import', pathToFileURL(register).href];
    const listLog = join(home, 'list.log');
    const createLog = join(home, 'create.log');
    expectExit(await runCli('rep-list-orgs', [], {env: {REP_HOME: home, REP_E2E_IMPORT_LOG: listLog}, nodeArgs}), 0);
    const created = await runCli('rep-create-session', ['acme', 'alice', DEMO_PASSWORD, alicePem(home), join(home, 's.json')],
      {env: {REP_HOME: home, REP_E2E_IMPORT_LOG: createLog}, nodeArgs});
    expectExit(created, 0);

    for (const [log, entry] of [[listLog, 'src/cli/commands/list-orgs.js'], [createLog, 'src/cli/commands/create-session.js']] as const) {
      const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t') as [string, string]);
      const loaded = lines.map(([, where]) => where);
      // The hook saw the command, the in-process server (a dynamic import) and a CommonJS dependency.
      expect(loaded).toContain(pathToFileURL(join(DIST, entry)).href);
      expect(loaded).toContain(pathToFileURL(join(DIST, 'server/listen.js')).href);
      expect(loaded.some((where) => /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(where))).toBe(true);
      const ui = lines.filter(([specifier, where]) =>
        /^(ink|react|react-dom|react-reconciler)(\/|$)/.test(specifier)
        || /[\\/]node_modules[\\/](ink|react|react-dom|react-reconciler|yoga-layout[^\\/]*|@inkjs[\\/][^\\/]+)[\\/]/.test(where)
        || where.includes(`${join(DIST, 'components')}`) || where.includes('/dist/components/'));
      expect(ui).toEqual([]);
    }
  }, TEST_TIMEOUT_MS);
});

describe('session ids that start with "-"', () => {
  // Ids are 16 random bytes in base64url, so 1 in 64 starts with '-'. parseArgs (src/cli/args.ts) then reads
  // such an id as short options, so `rep-sessions show|verify|delete <id>` (the hint create-session itself
  // prints) fail with a usage error; only `-- <id>` works.
  const id = '-tB3l5dX2J1LUGY0mFtvSQ';
  function storeWithDashId(): string {
    const home = makeTempHome();
    const now = Date.now();
    writeFileSync(join(home, 'sessions.json'), JSON.stringify({sessions: {[id]: {
      id, suite: 'v2', organization: 'acme', username: 'alice', serverUrl: 'http://127.0.0.1:1',
      repositoryKeyFingerprint: 'ab'.repeat(32), createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString(),
      keys: {clientToServer: 'AAAA', serverToClient: 'BBBB'}, nextSequence: 1,
    }}}), {mode: 0o600});
    return home;
  }

  it('are found after "--"', async () => {
    const home = storeWithDashId();
    expect(json<SessionSummary>(await runCli('rep-sessions', ['show', '--json', '--', id], {env: {REP_HOME: home}})).id).toBe(id);
  }, TEST_TIMEOUT_MS);

  it('are found without "--" too, as create-session\'s own hint "rep-sessions show <id>" suggests', async () => {
    const home = storeWithDashId();
    expect(json<SessionSummary>(await runCli('rep-sessions', ['show', id, '--json'], {env: {REP_HOME: home}})).id).toBe(id);
  }, TEST_TIMEOUT_MS);
});
