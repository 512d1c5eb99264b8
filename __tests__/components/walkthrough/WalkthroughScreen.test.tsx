import React from 'react';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {App} from '../../../components/App.js';
import {traceToJson} from '../../../src/protocol/trace-export.js';
import {buildWalkthrough} from '../../../src/protocol/v2/walkthrough.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';

describe('WalkthroughScreen', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({seed: 'demo'});
  });
  afterAll(async () => {
    await app.close();
  });

  it('pauses on every step: → and Enter go forward, ← goes back, never before the set-up', async () => {
    const total = buildWalkthrough({seed: 'demo'}).frames.length;
    const ui = await renderInk(<App deps={app.deps} initialScreen={{name: 'walkthrough'}} />);
    await ui.waitFor(`1/${total} · seed "demo"`);
    expect(ui.frame()).toContain('setup · client and repository');
    await ui.press(KEY.left);
    await ui.waitFor(`1/${total}`);
    await ui.press(KEY.right);
    await ui.waitFor((f) => f.includes(`2/${total}`) && f.includes('A0.1 · client · keygen'));
    expect(ui.frame()).toContain('prevents T4 · property 5');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes(`3/${total}`) && f.includes('client → repository  POST /v2/session/a0'));
    expect(ui.frame()).toMatch(/client_ephemeral +65 B {2}[0-9a-f]{32}…\(65 bytes\)/);
    await ui.press(KEY.left);
    await ui.waitFor((f) => f.includes(`2/${total}`) && f.includes('A0.1 · client'));
    await ui.unmount();
  });

  it('ignores its keys while the help overlay covers it; Esc then only closes the overlay', async () => {
    const ui = await renderInk(<App deps={app.deps} initialScreen={{name: 'walkthrough'}} />);
    await ui.waitFor('seed "demo"');
    await ui.press('?');
    await ui.waitFor((f) => f.includes('Keys') && f.includes('next step'));
    await ui.press(KEY.right, KEY.escape);
    await ui.waitFor((f) => !f.includes('Keys') && f.includes('setup · client and repository'));
    await ui.unmount();
  });

  it('expands and folds the selected field, and switches to the key schedule and the transcript', async () => {
    const ui = await renderInk(<App deps={app.deps} initialScreen={{name: 'walkthrough'}} />);
    await ui.waitFor('seed "demo"');
    await ui.press(KEY.right, KEY.right);
    await ui.waitFor('A0 request · client');
    await ui.press(KEY.down);
    await ui.waitFor((f) => f.includes('❯ client_ephemeral'));
    await ui.press(' ');
    await ui.waitFor((f) => f.includes('as sent (base64url)') && f.includes('0000  04'));
    await ui.press(' ');
    await ui.waitFor((f) => !f.includes('as sent (base64url)') && f.includes('❯ client_ephemeral'));
    await ui.press(KEY.tab);
    await ui.waitFor((f) => f.includes('[keys]') && f.includes('No keys yet'));
    for (let i = 0; i < 3; i++) await ui.press(KEY.right);
    await ui.waitFor((f) => f.includes('A0.4 · repository') && f.includes('Z_ch = ECDH(e_c, E_s)'));
    await ui.press(KEY.tab);
    await ui.waitFor((f) => f.includes('[transcript]') && f.includes('server_signature_a0') && f.includes('H_a0'));
    await ui.unmount();
  });

  it('opens from the home menu, exports the JSON trace and the Markdown into REP_HOME, shows the paths; Esc goes home', async () => {
    const ui = await renderInk(<App deps={app.deps} />);
    await ui.waitFor('Create a session');
    await ui.press('j', 'j');
    await ui.waitFor('❯ Walkthrough');
    await ui.press(KEY.enter);
    await ui.waitFor('seed "demo"');
    await ui.press('e');
    const json = join(app.home, 'rep-walkthrough-demo.json');
    const markdown = join(app.home, 'rep-walkthrough-demo.md');
    await ui.waitFor((f) => f.replace(/\s+/g, '').includes(`exported${json}`.replace(/\s+/g, '')));
    expect(existsSync(markdown)).toBe(true);
    expect(readFileSync(json, 'utf8')).toBe(traceToJson(buildWalkthrough({seed: 'demo'})));
    expect(readFileSync(markdown, 'utf8')).toContain('```mermaid');
    await ui.press(KEY.escape);
    await ui.waitFor('Create a session');
    await ui.unmount();
  });
});
