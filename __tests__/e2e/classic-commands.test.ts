// End-to-end, classic suite: the compiled commands as child processes — against the bundled in-process
// server, and against a standalone rep-server holding the reference's repository key with the reference's
// credentials (REP_ADDRESS / REP_PUB_KEY as the reference's client uses them).
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {BUILD_TIMEOUT_MS, ensureBuilt, makeTempHome, removeTempHomes, runCli, startStandaloneServer, type CliResult} from '../helpers/cli.js';
import {HAVE_TRANSCRIPT, fixture} from '../helpers/sio2425.js';

const TEST_TIMEOUT_MS = 60_000;

function expectExit(result: CliResult, code: number): void {
  if (result.code !== code) throw new Error(`expected exit ${code}, got ${result.code}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`);
}

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
afterAll(() => removeTempHomes());

describe('classic commands on the bundled server', () => {
  it('credentials, organization, listing, session (reference session file), verify with --session-file, import', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home};
    const key = join(home, 'user1.pem');
    expectExit(await runCli('rep-subject-credentials', ['pw1', key, '--suite', 'classic'], {env}), 0);
    expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const created = await runCli('rep-create-org', ['org1', 'user1', 'User One', 'u1@example.org', join(home, 'user1.pub.pem'), '--suite', 'classic'], {env});
    expectExit(created, 0);
    expect(created.stdout.trim()).toBe("Organization 'org1' created successfully.");
    const listed = await runCli('rep-list-orgs', ['--suite', 'classic'], {env});
    expect(listed.stdout.trim().split('\n')).toEqual(['acme', 'org1']);

    const sessionFile = join(home, 'user1_session');
    const session = await runCli('rep-create-session', ['org1', 'user1', 'pw1', key, sessionFile, '--suite', 'classic'], {env});
    expectExit(session, 0);
    expect(session.stdout).toContain(`Session created and saved to ${sessionFile}, sessionId=1`);
    const text = readFileSync(sessionFile, 'utf8');
    expect(text).toMatch(/^\{"session_key": "[A-Za-z0-9+/]{86}==", "session_id": 1, "username": "user1", "organization": "org1", "roles": \[\], "nonce": "[0-9a-f]{32}", "counter": 0\}$/);
    expect(statSync(sessionFile).mode & 0o777).toBe(0o600);
    const id = `c1-${JSON.parse(text).nonce.slice(0, 8)}`;

    const again = await runCli('rep-create-session', ['org1', 'user1', 'pw1', key, join(home, 'other'), '--suite', 'classic'], {env});
    expectExit(again, 1);
    expect(again.stderr).toContain("Session for user 'user1' in organization 'org1' already exists.");

    const verified = await runCli('rep-sessions', ['verify', id, '--session-file', sessionFile], {env});
    expectExit(verified, 0);
    expect(verified.stdout).toContain(`Session ${id} is valid: org1/user1 (classic), roles: none, counter 1.`);
    expect(JSON.parse(readFileSync(sessionFile, 'utf8')).counter).toBe(1);

    expectExit(await runCli('rep-sessions', ['delete', id], {env}), 0);
    const imported = await runCli('rep-sessions', ['import', sessionFile, '--json'], {env});
    expectExit(imported, 0);
    expect(JSON.parse(imported.stdout)).toMatchObject({imported: id, counter: 1});
    const listing = JSON.parse((await runCli('rep-sessions', ['list', '--json'], {env})).stdout);
    expect(listing.sessions[0]).toMatchObject({id, suite: 'classic', next_sequence: 2});
    expectExit(await runCli('rep-sessions', ['verify', id], {env}), 0);
  }, TEST_TIMEOUT_MS);

  it('a v2 (P-256) key is refused for classic with exit 3, and a wrong password exits 3 with one line', async () => {
    const home = makeTempHome();
    const env = {REP_HOME: home};
    const v2 = join(home, 'v2.pem');
    expectExit(await runCli('rep-subject-credentials', ['pw', v2], {env}), 0);
    const wrongCurve = await runCli('rep-create-session', ['acme', 'alice', 'pw', v2, join(home, 's'), '--suite', 'classic'], {env});
    expectExit(wrongCurve, 3);
    expect(wrongCurve.stderr).toContain('is not a P-521 key');
    const classic = join(home, 'c.pem');
    expectExit(await runCli('rep-subject-credentials', ['pw', classic, '--suite', 'classic'], {env}), 0);
    const wrong = await runCli('rep-create-session', ['acme', 'alice', 'nope', classic, join(home, 's'), '--suite', 'classic'], {env});
    expectExit(wrong, 3);
    expect(wrong.stderr.trim()).toBe(`error: wrong password for ${classic}.`);
  }, TEST_TIMEOUT_MS);
});

(HAVE_TRANSCRIPT ? describe : describe.skip)('classic commands with the reference\'s keys and credentials', () => {
  it('rep-server --repo-key (the reference key, password "123"); the reference\'s credentials create org1 and a session', async () => {
    const keys = fixture('00_static_keys.json');
    const home = makeTempHome();
    const files = {priv: join(home, 'rep_priv_key.pem'), pub: join(home, 'rep_pub_key.pem'), cred: join(home, 'priv_user1_cred_file.pem'), credPub: join(home, 'pub_user1_cred_file.pub')};
    writeFileSync(files.priv, keys.rep_priv_key_pem_encrypted);
    writeFileSync(files.pub, keys.rep_pub_key_pem);
    writeFileSync(files.cred, keys.subject_priv_key_pem_encrypted);
    writeFileSync(files.credPub, keys.subject_pub_key_pem);
    const server = await startStandaloneServer(home, {args: ['--repo-key', files.priv, '--repo-key-password', keys.rep_priv_key_password]});
    try {
      const env = {REP_HOME: makeTempHome(), REP_ADDRESS: server.url, REP_PUB_KEY: files.pub};
      expectExit(await runCli('rep-create-org', ['org1', 'user1', 'User1', 'user1@example.org', files.credPub, '--suite', 'classic'], {env}), 0);
      const wrong = await runCli('rep-create-session', ['org1', 'user1', '1234', files.cred, join(home, 's'), '--suite', 'classic'], {env});
      expectExit(wrong, 3);
      expect(wrong.stderr).toContain('wrong password');
      const session = await runCli('rep-create-session', ['org1', 'user1', keys.subject_priv_key_password, files.cred, join(home, 'user1_session'), '--suite', 'classic', '--json'], {env});
      expectExit(session, 0);
      expect(JSON.parse(session.stdout)).toMatchObject({session_id: 1, session: {suite: 'classic', organization: 'org1', username: 'user1'}});
      const unknown = await runCli('rep-create-session', ['nosuchorg', 'user1', '123', files.cred, join(home, 's2'), '--suite', 'classic'], {env});
      expectExit(unknown, 1);
      expect(unknown.stderr).toContain("(HTTP 404): Subject 'user1' is not associated with the organization 'nosuchorg'.");
      const otherPin = await runCli('rep-list-orgs', ['--suite', 'classic'], {env: {...env, REP_PUB_KEY: files.credPub}});
      expectExit(otherPin, 5);
    } finally {
      await server.stop();
    }
  }, TEST_TIMEOUT_MS);
});
