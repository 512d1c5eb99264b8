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

  it('shows the home menu with the repository in the header, moves with j/k, opens the repository screen', async () => {
    const ui = await renderInk(<App deps={app.deps} />);
    await ui.waitFor('Create a session');
    expect(ui.frame()).toContain(app.server.url);
    expect(ui.frame()).toContain('suite v2');
    await ui.press('j', 'j', 'j');
    await ui.waitFor((f) => f.includes('❯ Repository'));
    await ui.press(KEY.enter);
    await ui.waitFor('acme');
    expect(ui.frame()).toContain(app.deps.repository.fingerprint);
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
});
