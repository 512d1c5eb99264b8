import React from 'react';
import {chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {App} from '../../../components/App.js';
import {DepsProvider, type AppDeps} from '../../../components/deps.js';
import {SessionsScreen} from '../../../components/sessions/SessionsScreen.js';
import {createStoreWarningLog} from '../../../components/sessions/store-warnings.js';
import {keyFingerprint} from '../../../components/sessions/format.js';
import {createConfSessionStore} from '../../../src/store/session-store.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {demoSession, fakeSession} from '../../helpers/sessions.js';
import {runSessionHandshake} from '../../../components/hooks/handshake-runners.js';
import {registerOrganization} from '../../../components/hooks/register-organization.js';
import {loadSubjectKey, writeCredentials} from '../../../src/cli/credentials.js';
import type {StoredSession} from '../../../src/store/session-record.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** The test app's deps with an empty store of its own, so each test sees only its sessions. */
const freshDeps = (): AppDeps => ({...app.deps, store: createConfSessionStore({dir: mkdtempSync(join(app.home, 'store-'))})});
const open = (deps: AppDeps, focusId?: string) => renderInk(<App deps={deps} initialScreen={{name: 'sessions', focusId}} />);
const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('❯ ')) ?? '';

describe('SessionsScreen: list, sort, filter', () => {
  const acme = fakeSession({organization: 'acme', username: 'zoe', createdAt: '2030-01-01T10:00:00Z', expiresAt: '2030-01-03T10:00:00Z'});
  const globex = fakeSession({organization: 'globex', username: 'alice', createdAt: '2030-01-02T10:00:00Z', expiresAt: '2030-01-02T12:00:00Z'});
  const old = fakeSession({organization: 'initech', username: 'bob', createdAt: '2020-01-03T10:00:00Z', expiresAt: '2020-01-04T10:00:00Z'});

  it('says so when there are no sessions', async () => {
    const ui = await open(freshDeps());
    await ui.waitFor('No stored sessions yet');
    await ui.unmount();
  });

  it('lists organization, username, suite, server, created and expiry; sorts and reverses; filters and clears', async () => {
    const deps = freshDeps();
    for (const s of [acme, globex, old]) await deps.store.save(s);
    const ui = await open(deps);
    let frame = await ui.waitFor('3 stored sessions');
    expect(frame).toContain('sorted by created ↓');
    expect(frame).toMatch(/organization\s+username\s+suite\s+server\s+created\s+expires/);
    expect(frame).toMatch(/globex\s+alice\s+v2\s+127\.0\.0\.1:1\s+2030-01-0\d \d\d:\d\d 2030-01-0\d/);
    expect(frame).toMatch(/initech\s+bob .*expired/);
    expect(selectedLine(frame)).toContain('globex');
    await ui.press('s', 's');
    frame = await ui.waitFor('sorted by organization ↑');
    expect(frame.indexOf('acme')).toBeLessThan(frame.indexOf('globex'));
    await ui.press('r');
    frame = await ui.waitFor('sorted by organization ↓');
    expect(frame.indexOf('initech')).toBeLessThan(frame.indexOf('acme'));
    expect(selectedLine(frame)).toContain('globex');
    await ui.press('/');
    await ui.type('ZO');
    frame = await ui.waitFor('filter: ZO');
    expect(frame).toContain('1 of 3 stored sessions');
    expect(frame).toContain('acme');
    expect(frame).not.toContain('globex');
    await ui.type('q?'); // typed into the filter, not quitting nor opening the help
    await ui.waitFor((f) => f.includes('No session matches “ZOq?”'));
    await ui.press(KEY.backspace, KEY.backspace, KEY.enter);
    frame = await ui.waitFor((f) => f.includes('filter: ZO') && !f.includes('filter: ZO▏'));
    expect(selectedLine(frame)).toContain('acme');
    await ui.press(KEY.escape);
    frame = await ui.waitFor((f) => !f.includes('filter:') && f.includes('globex'));
    expect(selectedLine(frame)).toContain('acme');
    await ui.unmount();
  });

  it('ignores its keys while inactive (covered by the help overlay)', async () => {
    const deps = freshDeps();
    await deps.store.save(acme);
    const ui = await renderInk(<DepsProvider deps={deps}><SessionsScreen isActive={false} onBack={() => {}} /></DepsProvider>);
    await ui.waitFor('1 stored session');
    await ui.press('d', KEY.enter, '/');
    expect(ui.frame()).not.toMatch(/y\/n|repository key|filter:/);
    await ui.unmount();
  });

  it('skips a corrupt store entry and shows the store warning instead of printing it', async () => {
    const storeWarnings = createStoreWarningLog();
    const dir = mkdtempSync(join(app.home, 'store-'));
    const deps = {...app.deps, storeWarnings, store: createConfSessionStore({dir, onWarning: storeWarnings.onWarning})};
    await deps.store.save(acme);
    const file = JSON.parse(readFileSync(deps.store.path, 'utf8'));
    writeFileSync(deps.store.path, JSON.stringify({sessions: {...file.sessions, broken: {id: 'broken', suite: 'v9'}}}));
    const ui = await open(deps);
    const frame = await ui.waitFor('skipped session entry "broken"');
    expect(frame).toContain('1 stored session');
    await ui.unmount();
  });

  it('pre-selects the focused session', async () => {
    const deps = freshDeps();
    for (const s of [acme, globex, old]) await deps.store.save(s);
    const ui = await open(deps, old.id);
    const frame = await ui.waitFor('3 stored sessions');
    expect(selectedLine(frame)).toContain('initech');
    await ui.press(KEY.up);
    expect(selectedLine(await ui.waitFor((f) => !selectedLine(f).includes('initech')))).toContain('acme');
    await ui.unmount();
  });
});

describe('SessionsScreen: detail and actions over real sessions', () => {
  it('shows the detail with key fingerprints, reveals the raw keys only on R, and hides them on leaving', async () => {
    const deps = freshDeps();
    const session = await demoSession({...app, deps});
    const ui = await open(deps);
    await ui.waitFor('1 stored session');
    await ui.press(KEY.enter);
    let frame = await ui.waitFor('repository key');
    for (const text of [session.id, 'acme', 'alice', session.serverUrl, app.deps.repository.fingerprint, 'the one this app pins', 'next sequence  1']) {
      expect(frame).toContain(text);
    }
    expect(frame).toContain(keyFingerprint(session.keys.clientToServer));
    expect(frame).toContain(keyFingerprint(session.keys.serverToClient));
    expect(frame).not.toContain(session.keys.clientToServer);
    await ui.press('R');
    frame = await ui.waitFor(session.keys.clientToServer);
    expect(frame).toContain(session.keys.serverToClient);
    await ui.press(KEY.escape);
    frame = await ui.waitFor('1 stored session');
    await ui.press(KEY.enter);
    frame = await ui.waitFor('repository key');
    expect(frame).not.toContain(session.keys.clientToServer);
    await ui.unmount();
  });

  it('verifies with whoami (the sequence number advances) and refuses a session of another repository', async () => {
    const deps = freshDeps();
    const session = await demoSession({...app, deps});
    const foreign = fakeSession({organization: 'zeta', createdAt: '2001-01-01T00:00:00Z'});
    await deps.store.save(foreign);
    const ui = await open(deps, session.id);
    await ui.waitFor('2 stored sessions');
    await ui.press(KEY.enter);
    await ui.waitFor('next sequence  1');
    await ui.press('v');
    await ui.waitFor('Verified by the repository: acme/alice, expires');
    await ui.waitFor('next sequence  2');
    expect((await deps.store.get(session.id))?.nextSequence).toBe(2);
    await ui.press(KEY.escape, 'j', 'v');
    await ui.waitFor((f) => f.includes('belongs to the repository with key abababab') && f.includes('REP_ADDRESS'));
    await ui.unmount();
  });

  it('deletes only after y, and the list updates', async () => {
    const deps = freshDeps();
    const session = await demoSession({...app, deps});
    await demoSession({...app, deps});
    const ui = await open(deps, session.id);
    await ui.waitFor('2 stored sessions');
    await ui.press('d');
    await ui.waitFor(`Delete session ${session.id.slice(0, 8)}… (acme/alice)? y/n`);
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('y/n'));
    expect(await deps.store.get(session.id)).toBeDefined();
    await ui.press(KEY.enter, 'd', 'y');
    await ui.waitFor((f) => f.includes('1 stored session') && f.includes(`Deleted session ${session.id.slice(0, 8)}`));
    expect(await deps.store.get(session.id)).toBeUndefined();
    await ui.unmount();
  });

  it('exports to a 0600 JSON file and never replaces a file without asking', async () => {
    const deps = freshDeps();
    const session = await demoSession({...app, deps});
    const path = join(deps.cwd, `session-${session.id.slice(0, 8)}.json`);
    const ui = await open(deps);
    await ui.waitFor('1 stored session');
    await ui.press('e');
    await ui.waitFor(`Export to ${path}`);
    await ui.press(KEY.enter);
    await ui.waitFor(`to ${path} (mode 0600`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(session);
    writeFileSync(path, 'older file\n', {mode: 0o644});
    chmodSync(path, 0o644);
    await ui.press('e', KEY.enter);
    await ui.waitFor(`${path} exists. Replace it? y/n`);
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('y/n'));
    expect(readFileSync(path, 'utf8')).toBe('older file\n');
    await ui.press('e', KEY.enter);
    await ui.waitFor('Replace it? y/n');
    await ui.press('y');
    await ui.waitFor((f) => f.includes(`to ${path} (mode 0600`) && !f.includes('y/n'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(session);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await ui.unmount();
  });
});

describe('SessionsScreen: classic sessions', () => {
  let count = 0;
  /** A real classic session: a new organization registered over the classic route with a P-521 subject, then the classic handshake. */
  async function classicSession(deps: AppDeps): Promise<StoredSession> {
    const organization = `classic-${++count}`;
    const credentialsFile = join(deps.cwd, `${organization}.pem`);
    writeCredentials(credentialsFile, 'pw', true, 'classic');
    const subjectKey = loadSubjectKey(credentialsFile, 'pw', 'classic');
    await registerOrganization(deps.classic!, 'classic', {organization, username: 'erin', fullName: 'Erin', email: `erin@${organization}.example`, subjectKey});
    let stored: StoredSession | undefined;
    await runSessionHandshake(deps.classic!, {organization, username: 'erin', credentialsFile, password: 'pw', suite: 'classic'},
      {emit: () => {}, save: async (session) => void (stored = session, await deps.store.save(session))});
    return stored!;
  }

  it('verifies with the session-roles request, showing the answer; the counter advances each time', async () => {
    const deps = freshDeps();
    const session = await classicSession(deps);
    const ui = await open(deps, session.id);
    await ui.waitFor('1 stored session');
    expect(ui.frame()).toMatch(/classic-1\s+erin\s+classic/);
    await ui.press(KEY.enter);
    let frame = await ui.waitFor('repository key');
    for (const text of [session.id, 'classic', deps.classic!.fingerprint, 'the one this app pins', 'next sequence  1']) expect(frame).toContain(text);
    expect(frame).toContain(`sessionKey      ${keyFingerprint(session.keys.sessionKey)}`);
    expect(frame).toContain(`nonce           ${keyFingerprint(session.keys.nonce, 'hex')}`);
    expect(frame).toContain(`sessionId       ${session.keys.sessionId} (an identifier, not a key)`);
    expect(frame).not.toContain(session.keys.nonce);
    await ui.press('v');
    frame = await ui.waitFor('Verified by the repository', 10000);
    expect(frame.replace(/\s+/g, ' ')).toContain(`Verified by the repository (session-roles): ${session.organization}/erin, roles: none, counter 1, expires`);
    await ui.waitFor('next sequence  2');
    await ui.press('v');
    await ui.waitFor((f) => f.replace(/\s+/g, ' ').includes('roles: none, counter 2'), 10000);
    expect((await deps.store.get(session.id))?.nextSequence).toBe(3);
    await ui.unmount();
  });

  it('a refused session says why (the reference message), and one from another classic repository is not sent', async () => {
    const deps = freshDeps();
    const session = await classicSession(deps);
    await deps.store.save({...session, id: `${session.id}-old`, nextSequence: 1, createdAt: '2001-01-01T00:00:00Z'});
    await deps.store.save(fakeSession({suite: 'classic', organization: 'elsewhere', createdAt: '2000-01-01T00:00:00Z'}));
    const ui = await open(deps, session.id);
    await ui.waitFor('3 stored sessions');
    await ui.press('v');
    await ui.waitFor('Verified by the repository (session-roles)', 10000);
    // The older copy reuses counter 1: the repository refuses the replay.
    await ui.press('j', 'v');
    await ui.waitFor((f) => f.replace(/\s+/g, ' ').includes('Session: the repository refused (HTTP 403): Invalid message order'), 10000);
    await ui.press('j', 'v');
    await ui.waitFor((f) => f.includes('belongs to the repository with key abababab') && f.includes(deps.classic!.fingerprint.slice(0, 16)));
    await ui.unmount();
  });
});

