import React, {act} from 'react';
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {join} from 'node:path';
import {App} from '../../../components/App.js';
import {HandshakeScreen} from '../../../components/handshake/HandshakeScreen.js';
import {DepsProvider} from '../../../components/deps.js';
import type {SessionRequest} from '../../../components/hooks/app-reducer.js';
import {readPinnedKey, targetFor} from '../../../src/cli/repository.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';

describe('live handshake', () => {
  let app: TestApp;
  let demo: SessionRequest;
  beforeEach(async () => {
    app = await startTestApp();
    demo = {organization: 'acme', username: 'alice', credentialsFile: join(app.deps.paths.credentialsDir, 'alice.pem'), password: 'alice-demo', suite: 'v2'};
  });
  afterEach(async () => {
    await app.close();
  });

  it('Enter through the wizard defaults creates a session: both lanes, A0–A3 done, stored, then opens it', async () => {
    const ui = await renderInk(<App deps={app.deps} />);
    await ui.waitFor('Create a session');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('❯ acme'));
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await ui.press(KEY.enter);
    await ui.waitFor('❯ v2');
    await ui.press(KEY.enter);
    await ui.waitFor('Private key of alice');
    await ui.press(KEY.enter);
    await ui.waitFor('prefilled');
    await ui.press(KEY.enter);
    const done = await ui.waitFor('stored', 10000);
    const [session] = await app.deps.store.list();
    expect(session).toMatchObject({organization: 'acme', username: 'alice', suite: 'v2', serverUrl: app.server.url});
    expect(done).toContain(`Session ${session.id} stored`);
    for (const text of ['CLIENT', 'SERVER', 'A0.1 keygen', 'A2.2 verify', 'A3.5 confirm', 'A3.7 store']) expect(done).toContain(text);
    expect(done).not.toContain('·  A');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => !f.includes('CLIENT'));
    await ui.unmount();
  });

  it('shows the in-process server steps (A2.2 verify) with a time, each client step ticked', async () => {
    const ui = await renderInk(<DepsProvider deps={app.deps}><HandshakeScreen request={demo} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    const frame = await ui.waitFor('stored', 10000);
    expect(frame).toMatch(/✓ A2\.2 verify .*\d(ms|s)/);
    expect(frame).toMatch(/✓ A0\.1 keygen/);
    expect(frame).toMatch(/A1 \d+B─*▶/);
    expect(frame).toMatch(/◀─*200 \d+B/);
    await ui.unmount();
  });

  it('stops at A2.2 for a suspended subject, with one sentence, and stores nothing', async () => {
    app.server.context.db.setSubjectStatus('acme', 'alice', 'suspended');
    let home = false;
    const ui = await renderInk(<DepsProvider deps={app.deps}><HandshakeScreen request={demo} onHome={() => (home = true)} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    const frame = await ui.waitFor('Stopped at', 10000);
    expect(frame).toContain('Stopped at A2.2 verify (server), nothing stored');
    expect(frame.replace(/\s+/g, ' ')).toContain('Stage A2: this subject is suspended in the organization: ask an organization manager to reactivate it.');
    expect(frame).toMatch(/✗ A2\.2 verify/);
    expect(frame).toMatch(/· A3\.1 decrypt/);
    expect(await app.deps.store.list()).toEqual([]);
    app.server.context.db.setSubjectStatus('acme', 'alice', 'active');
    await ui.press('r');
    await ui.waitFor('stored', 10000);
    expect(await app.deps.store.list()).toHaveLength(1);
    await ui.press('h');
    expect(home).toBe(true);
    await ui.unmount();
  });

  it('against a server without its events, the server lane shows what the client observed', async () => {
    const repository = targetFor(app.server.url, readPinnedKey(app.deps.paths.repositoryPublicKey, 'REP_HOME'), false);
    const deps = {...app.deps, repository};
    const ui = await renderInk(<DepsProvider deps={deps}><HandshakeScreen request={demo} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    const frame = await ui.waitFor('stored', 10000);
    expect(frame).toContain('external: what the client sees');
    expect(frame).toMatch(/✓ answered 200 in \d/);
    expect(frame).not.toContain('A2.2');
    await ui.unmount();
    await repository.close();
  });

  it('a wrong password stops before A0 and sends nothing', async () => {
    const ui = await renderInk(<DepsProvider deps={app.deps}><HandshakeScreen request={{...demo, password: 'nope'}} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    const frame = await ui.waitFor('Stopped');
    expect(frame).toContain('Stopped before A0: nothing sent, nothing stored');
    expect(frame).toContain('wrong password for');
    await ui.unmount();
  });

  it('fits 80 columns and lays out again when the terminal is resized', async () => {
    let instance!: ReturnType<typeof render>;
    await act(async () => {
      instance = render(<DepsProvider deps={app.deps}><HandshakeScreen request={demo} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    });
    let columns = 80;
    Object.defineProperty(instance.stdout, 'columns', {get: () => columns});
    const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
    const until = async (test: (f: string) => boolean) => {
      for (let i = 0; i < 250 && !test(frame()); i++) {
        await act(async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
        });
      }
      return frame();
    };
    await act(async () => {
      instance.stdout.emit('resize');
    });
    const narrow = await until((f) => f.includes('stored'));
    expect(Math.max(...narrow.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(narrow).toContain('A2.2 verify subject ');
    expect(narrow).not.toContain('subject sig, status');
    columns = 130;
    await act(async () => {
      instance.stdout.emit('resize');
    });
    expect(await until((f) => f.includes('subject sig, status'))).toContain('A0.5 verify repository sig (pinned)');
    await act(async () => {
      instance.unmount();
    });
  });

  it('an unreachable repository stops at A0 with no answer', async () => {
    const repository = targetFor('http://127.0.0.1:1', app.deps.repository.pinnedKey, false);
    const deps = {...app.deps, repository};
    const ui = await renderInk(<DepsProvider deps={deps}><HandshakeScreen request={demo} onHome={() => {}} onBack={() => {}} onOpenSession={() => {}} /></DepsProvider>);
    const frame = await ui.waitFor('Stopped', 10000);
    expect(frame).toContain('Stopped at stage A0 (no answer), nothing stored');
    expect(frame).toMatch(/✗ no answer/);
    expect(frame.replace(/\s+/g, ' ')).toMatch(/Stage A0: .+/);
    expect(await app.deps.store.list()).toEqual([]);
    await ui.unmount();
    await repository.close();
  });
});
