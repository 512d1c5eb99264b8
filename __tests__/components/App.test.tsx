import React from 'react';
import {App} from '../../components/App.js';
import {appReducer, initialAppState} from '../../components/hooks/app-reducer.js';
import {KEY, renderInk} from '../helpers/ink.js';
import {startTestApp, type TestApp} from '../helpers/app-deps.js';

describe('appReducer', () => {
  it('opens, goes back, never below home, and toggles help', () => {
    let state = initialAppState();
    state = appReducer(state, {type: 'open', screen: {name: 'repository'}});
    expect(state.stack.map((s) => s.name)).toEqual(['home', 'repository']);
    state = appReducer(state, {type: 'toggle-help'});
    expect(state.help).toBe(true);
    state = appReducer(state, {type: 'back'});
    expect(state).toEqual({stack: [{name: 'home'}, {name: 'repository'}], help: false});
    state = appReducer(appReducer(state, {type: 'back'}), {type: 'back'});
    expect(state.stack).toEqual([{name: 'home'}]);
  });

  it('puts home under a screen opened directly, so Esc reaches the menu', () => {
    expect(initialAppState({name: 'walkthrough'}).stack).toEqual([{name: 'home'}, {name: 'walkthrough'}]);
  });
});

describe('App', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows the home menu with the repository, both suites and their keys in the header, moves with j/k, opens the repository screen', async () => {
    const ui = await renderInk(<App deps={app.deps} />);
    await ui.waitFor('Create a session');
    expect(ui.frame()).toContain(app.server.url);
    expect(ui.frame()).toContain('suites v2 · classic');
    expect(ui.frame()).toContain(`keys v2 ${app.deps.repository.fingerprint.slice(0, 8)}… classic ${app.deps.classic!.fingerprint.slice(0, 8)}…`);
    await ui.press('j', 'j', 'j');
    await ui.waitFor((f) => f.includes('❯ Repository'));
    await ui.press(KEY.enter);
    await ui.waitFor('acme');
    const frame = ui.frame().replace(/ +/g, ' ');
    expect(frame).toContain(`v2 suite P-256 repository key, on /v2/…\n pinned key ${app.deps.repository.fingerprint}`);
    expect(frame).toContain(`classic suite P-521 repository key, on the reference's paths (/sessions, /organizations)\n pinned key ${app.deps.classic!.fingerprint}`);
    expect(ui.frame()).toContain('alice');
    await ui.press(KEY.escape);
    await ui.waitFor('Create a session');
    await ui.press('j', KEY.enter);
    await ui.waitFor('stored session');
    await ui.press('?');
    await ui.waitFor('Keys');
    await ui.press(KEY.escape);
    // Esc closes the overlay only: the screen below does not also go back.
    await ui.waitFor((f) => !f.includes('Keys') && f.includes('stored session'));
    await ui.unmount();
  });

  it('with a v2-only repository, the header shows one key and suite v2, and the suite step says why classic is not offered', async () => {
    const deps = {...app.deps, classic: undefined, repository: {...app.deps.repository, bundled: false}};
    const ui = await renderInk(<App deps={deps} />);
    await ui.waitFor('Create a session');
    expect(ui.frame()).toContain(`key ${app.deps.repository.fingerprint.slice(0, 16)}… · suite v2`);
    expect(ui.frame()).not.toContain('suites v2');
    await ui.press(KEY.enter);
    await ui.waitFor('❯ acme');
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await ui.press(KEY.enter);
    await ui.waitFor('Suite for acme/alice');
    await ui.press(KEY.down, KEY.enter);
    await ui.waitFor((f) => f.replace(/\s+/g, ' ').includes("✗ classic: not available: REP_PUB_KEY pins this repository's P-256 v2 key, and classic needs its P-521 key"));
    expect(ui.frame()).toContain('Suite for acme/alice');
    await ui.unmount();
  });
});

