import React from 'react';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {App} from '../../../components/App.js';
import type {AppDeps} from '../../../components/deps.js';
import {registerOrganization} from '../../../components/hooks/register-organization.js';
import {themeFor} from '../../../components/theme.js';
import {openAppRepositories, type AppRepositories} from '../../../bin/open-repository.js';
import {loadSubjectKey, writeCredentials} from '../../../src/cli/credentials.js';
import {openExternalRepositoryOfEitherSuite} from '../../../src/cli/repository.js';
import {repPaths} from '../../../src/paths.js';
import {createConfSessionStore} from '../../../src/store/session-store.js';
import {createServerContext} from '../../../server/context-factory.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../../../server/listen.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {fakeSession} from '../../helpers/sessions.js';

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/**
 * The app against an external repository that serves the classic suite only (as a reference repository does),
 * opened the way bin/rep-tui opens it: REP_ADDRESS and REP_PUB_KEY, here the server's P-521 classic key.
 */
describe('the app against an external classic-only repository (REP_PUB_KEY a P-521 key)', () => {
  let serverHome: string;
  let appHome: string;
  let server: RunningRepositoryServer;
  let repositories: AppRepositories;
  let deps: AppDeps;

  beforeEach(async () => {
    serverHome = mkdtempSync(join(tmpdir(), 'rep-classic-only-server-'));
    appHome = mkdtempSync(join(tmpdir(), 'rep-classic-only-app-'));
    const serverPaths = repPaths({REP_HOME: serverHome});
    server = await startRepositoryServer({paths: serverPaths, context: createServerContext({paths: serverPaths, suites: ['classic']})});
    const env = {REP_HOME: appHome, NO_COLOR: '1', REP_ADDRESS: server.url, REP_PUB_KEY: serverPaths.classicRepositoryPublicKey};
    repositories = await openAppRepositories(env);
    const paths = repPaths(env);
    deps = {repository: repositories.repository, classic: repositories.classic, paths, env, theme: themeFor(env), cwd: appHome, store: createConfSessionStore({dir: paths.storeDir})};
  });
  afterEach(async () => {
    await repositories.close();
    await server.close();
    rmSync(serverHome, {recursive: true, force: true});
    rmSync(appHome, {recursive: true, force: true});
  });

  it('is pinned as classic: the curve of REP_PUB_KEY decides the suite, and the v2 key still pins v2', async () => {
    expect(repositories.repository.suite).toBe('classic');
    expect(repositories.classic).toBe(repositories.repository);
    const v2 = await openExternalRepositoryOfEitherSuite({REP_ADDRESS: server.url, REP_PUB_KEY: repPaths({REP_HOME: serverHome}).repositoryPublicKey});
    expect(v2.suite).toBe('v2');
    await v2.close();
    await expect(openExternalRepositoryOfEitherSuite({REP_ADDRESS: server.url, REP_PUB_KEY: join(serverHome, 'server', 'master.key')}))
      .rejects.toThrow(/is neither a P-256 \(v2\) nor a P-521 \(classic\) public key in PEM/);
  });

  it('lists the organizations over the classic route, offers classic only (v2 says why), and creates a classic session', async () => {
    const credentialsFile = join(deps.paths.credentialsDir, 'erin-classic.pem');
    mkdirSync(deps.paths.credentialsDir, {recursive: true});
    writeCredentials(credentialsFile, 'pw521', false, 'classic');
    await registerOrganization(repositories.repository, 'classic', {
      organization: 'refco', username: 'erin', fullName: 'Erin E', email: 'erin@refco.example', subjectKey: loadSubjectKey(credentialsFile, 'pw521', 'classic'),
    });

    const ui = await renderInk(<App deps={deps} />);
    const home = flat(await ui.waitFor('Create a session'));
    expect(home).toContain(`repository ${server.url} · key ${repositories.repository.fingerprint.slice(0, 16)}… · suite classic`);
    await ui.press(KEY.enter);
    await ui.waitFor('❯ refco', 10000);
    await ui.press(KEY.enter);
    await ui.type('erin');
    await ui.press(KEY.enter);
    const suites = flat(await ui.waitFor('Suite for refco/erin'));
    expect(suites).toMatch(/❯ classic/);
    expect(suites).toContain('not available with this repository');
    await ui.press(KEY.enter);
    await ui.waitFor('erin-classic.pem');
    await ui.press(KEY.enter);
    await ui.waitFor('assword');
    await ui.type('pw521');
    await ui.press(KEY.enter);
    const done = await ui.waitFor((f) => /Session \S+ stored/.test(f), 15000);
    const [session] = await deps.store.list();
    expect(session).toMatchObject({organization: 'refco', username: 'erin', suite: 'classic', serverUrl: server.url, repositoryKeyFingerprint: repositories.repository.fingerprint});
    expect(done).toContain(`Session ${session.id} stored`);
    expect(done).toContain('external: what the client sees');
    // Verified in the browser over the reference's session-roles request.
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('stored session') && f.includes('refco'));
    await ui.press(KEY.enter);
    await ui.waitFor(session.id);
    await ui.press('v');
    expect(flat(await ui.waitFor('Verified by the repository', 10000))).toContain('Verified by the repository (session-roles): refco/erin');
    await ui.unmount();
  });

  it('says why v2 is not offered: in the repository screen, for a stored v2 session, and for --suite v2', async () => {
    await deps.store.save(fakeSession({organization: 'acme', username: 'alice'}));
    const ui = await renderInk(<App deps={deps} />);
    await ui.waitFor('Create a session');
    await ui.press('j', 'j', 'j');
    await ui.waitFor('❯ Repository');
    await ui.press(KEY.enter);
    const screen = flat(await ui.waitFor('names only', 10000));
    expect(screen).toContain("v2 suite not available: REP_PUB_KEY pins this repository's P-521 classic key, and v2 needs its P-256 key");
    expect(screen).toContain('classic suite P-521 repository key');
    await ui.press(KEY.escape);
    await ui.waitFor('❯ Create a session');
    await ui.press('j');
    await ui.waitFor('❯ Stored sessions');
    await ui.press(KEY.enter);
    await ui.waitFor('1 stored session');
    await ui.press(KEY.enter);
    expect(flat(await ui.waitFor('verify cannot run here'))).toContain('this app has no v2 repository: verify cannot run here');
    await ui.press('v');
    expect(flat(await ui.waitFor('no v2 repository to verify'))).toContain(
      "This app has no v2 repository to verify it with (not available: REP_PUB_KEY pins this repository's P-521 classic key, and v2 needs its P-256 key; suites here: classic).");
    await ui.unmount();

    const wizard = await renderInk(<App deps={deps} initialScreen={{name: 'wizard', suite: 'v2'}} />);
    expect(flat(await wizard.waitFor('the wizard uses classic'))).toContain("--suite v2: not available: REP_PUB_KEY pins this repository's P-521 classic key, and v2 needs its P-256 key; the wizard uses classic.");
    await wizard.unmount();
  });
});
