import React from 'react';
import {generateKeyPairSync} from 'node:crypto';
import {join} from 'node:path';
import {App} from '../../../components/App.js';
import {HandshakeScreen} from '../../../components/handshake/HandshakeScreen.js';
import {DepsProvider, type AppDeps} from '../../../components/deps.js';
import type {SessionRequest} from '../../../components/hooks/app-reducer.js';
import {writeCredentials} from '../../../src/cli/credentials.js';
import {targetFor} from '../../../src/cli/repository.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';

const flat = (frame: string) => frame.replace(/\s+/g, ' ');
const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));

describe('live handshake, classic suite', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });
  /** A P-521 credentials file in REP_HOME/credentials, and a classic request for it. */
  const classicRequest = (organization: string, username: string): SessionRequest => {
    const credentialsFile = join(app.deps.paths.credentialsDir, `${username}-classic.pem`);
    writeCredentials(credentialsFile, 'pw', false, 'classic');
    return {organization, username, credentialsFile, password: 'pw', suite: 'classic'};
  };
  const screen = (request: SessionRequest, deps: AppDeps = app.deps) =>
    renderInk(<DepsProvider deps={deps}><HandshakeScreen request={request} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);

  it('through the wizard: P-521 credentials, a new organization over the classic route, the classic lanes, stored as classic, verified in the browser', async () => {
    const ui = await renderInk(<App deps={app.deps} />);
    await ui.waitFor('Create a session');
    expect(ui.frame()).toContain('suites v2 · classic');
    await ui.press(KEY.enter);
    await ui.waitFor('❯ acme');
    await ui.type('classico');
    await ui.press(KEY.enter);
    await ui.waitFor('New organization name classico');
    await ui.press(KEY.enter);
    await ui.type('dave');
    await ui.press(KEY.enter);
    await ui.waitFor('Suite for classico/dave');
    await ui.press(KEY.down, KEY.enter);
    await ui.waitFor('❯ generate new credentials…');
    await ui.press(KEY.enter);
    await ui.waitFor('Name of the new credentials dave-classic');
    await ui.press(KEY.enter);
    await ui.type('pw521');
    await ui.press(KEY.enter);
    await ui.type('Dave D');
    await ui.press(KEY.enter);
    await ui.type('dave@classico.example');
    await ui.press(KEY.enter);
    const done = await ui.waitFor((f) => /Session \S+ stored/.test(f), 10000);
    const [session] = await app.deps.store.list();
    expect(session).toMatchObject({organization: 'classico', username: 'dave', suite: 'classic', serverUrl: app.server.url,
      repositoryKeyFingerprint: app.deps.classic!.fingerprint, nextSequence: 1});
    expect(session.id).toMatch(/^c\d+-[0-9a-f]{8}$/);
    expect(done).toContain(`Session ${session.id} stored`);
    expect(flat(done)).toContain('classico/dave · classic');
    expect(done).toContain('SERVER (in-process');
    // The classic step table: the server lane from the in-process server's own events, no key confirmation.
    for (const step of ['A0.1 keygen', 'A0.2 check', 'A0.4 derive', 'A0.6 derive', 'A2.2 verify', 'A2.4 sign', 'A3.3 derive', 'A3.7 store']) {
      expect(done).toMatch(new RegExp(`✓ ${step.replace('.', '\\.')}`));
    }
    expect(done).not.toMatch(/A3\.[456]/);
    expect(done).toMatch(/◀─*201 \d+B/);
    expect(done).not.toContain('·  A');
    expect(widest(done)).toBeLessThanOrEqual(100);
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('stored session') && f.includes('classico'));
    await ui.press(KEY.enter);
    await ui.waitFor(session.id);
    await ui.press('v');
    const verified = flat(await ui.waitFor('Verified by the repository', 10000));
    expect(verified).toContain('Verified by the repository (session-roles): classico/dave, roles: none, counter 1');
    expect((await app.deps.store.get(session.id))?.nextSequence).toBe(2);
    await ui.unmount();
  });

  it('stops at A2.2 (server) when the key is not the one registered, with the reference message and what to do; nothing stored', async () => {
    // acme/alice is registered for v2 with a P-256 key: a classic signature with a P-521 key does not verify.
    const ui = await screen(classicRequest('acme', 'alice'));
    const frame = await ui.waitFor('Stopped', 10000);
    expect(frame).toContain('Stopped at A2.2 verify (server), nothing stored');
    expect(frame).toMatch(/✗ A2\.2 verify/);
    expect(frame).toMatch(/✓ A2\.1 decrypt/);
    expect(frame).toMatch(/· A3\.1 decrypt/);
    expect(frame).toMatch(/◀─*400/);
    expect(flat(frame)).toContain('Stage A2: the repository refused (HTTP 400): Invalid signature; this key is not the one registered for the subject');
    expect(await app.deps.store.list()).toEqual([]);
    await ui.unmount();
  });

  it('an unknown subject is refused at A2.2 with 404; against a server without events, the lane shows what the client saw', async () => {
    const classic = targetFor(app.server.url, app.deps.classic!.pinnedKey, false, {}, 'classic');
    const ui = await screen(classicRequest('acme', 'nobody'), {...app.deps, classic});
    const frame = await ui.waitFor('Stopped', 10000);
    expect(frame).toContain('external: what the client sees');
    expect(frame).toContain('Stopped at stage A2, nothing stored');
    expect(frame).toMatch(/✓ answered 200 in/);
    expect(frame).toMatch(/✗ answered 404 in/);
    expect(flat(frame)).toContain("Subject 'nobody' is not associated with the organization 'acme'; check the organization and username");
    await ui.unmount();
    await classic.close();
  });

  it('a repository that is not the pinned one stops at A0.5 (client) before anything is signed or sent', async () => {
    const other = generateKeyPairSync('ec', {namedCurve: 'P-521'}).publicKey;
    const classic = targetFor(app.server.url, other, true, {serverEvents: app.server.context.events}, 'classic');
    const ui = await screen(classicRequest('acme', 'alice'), {...app.deps, classic});
    const frame = await ui.waitFor('Stopped', 10000);
    expect(frame).toContain('Stopped at A0.5 verify (client), nothing stored');
    expect(frame).toMatch(/✓ A0\.3 sign/);
    expect(frame).toMatch(/· A1\.1 sign/);
    expect(flat(frame)).toContain('Stage A0: the repository signature on the key exchange does not verify with the pinned repository key.');
    await ui.unmount();
    await classic.close();
  });

  it('a P-256 key stops before A0 with what it is', async () => {
    const request: SessionRequest = {organization: 'acme', username: 'alice', credentialsFile: join(app.deps.paths.credentialsDir, 'alice.pem'), password: 'alice-demo', suite: 'classic'};
    const ui = await screen(request);
    const frame = flat(await ui.waitFor('Stopped'));
    expect(frame).toContain('Stopped before A0: nothing sent, nothing stored');
    expect(frame).toContain('is not a P-521 key (expected curve P-521, got P-256)');
    await ui.unmount();
  });
});
