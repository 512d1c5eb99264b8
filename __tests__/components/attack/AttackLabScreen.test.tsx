// The attack lab screen, run for real on a small subset: T1 and T14 on both suites, and T2 on all three
// servers with a tight padding-oracle cap (the lab starts its own repositories in temporary REP_HOMEs).
import React from 'react';
import {AttackLabScreen} from '../../../components/attack/AttackLabScreen.js';
import {DepsProvider} from '../../../components/deps.js';
import {runAttackLab, type AttackLabOptions} from '../../../src/attack/lab.js';
import {KEY, renderInk} from '../../helpers/ink.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';

/** PgDn as a terminal sends it. */
const PAGE_DOWN = '\u001B[6~';

/** The list row of a scenario (the line that starts with its id after the marker). */
const row = (frame: string, id: string) => frame.split('\n').find((line) => new RegExp(`^[❯ ] ${id} `).test(line)) ?? '';

describe('AttackLabScreen', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs T1 and T14 on both suites: verdicts, expected verdicts, pass marks and the detail pane', async () => {
    const ui = await renderInk(<DepsProvider deps={app.deps}><AttackLabScreen onBack={() => {}} /></DepsProvider>);
    await ui.waitFor('T1–T14 of the hardened-suite table');
    expect(row(ui.frame(), 'T1')).toMatch(/bit flip +· +blocked +· +blocked/);
    await ui.press(KEY.enter);
    await ui.waitFor('T1 on v2 + classic: 2/2 as expected', 20_000);
    expect(row(ui.frame(), 'T1')).toMatch(/❯ T1 +bit flip +blocked +blocked +✓ +blocked +blocked +✓/);
    expect(ui.frame()).toContain('stopped by');
    await ui.press(...Array.from({length: 13}, () => KEY.down));
    await ui.waitFor((f) => row(f, 'T14').startsWith('❯'));
    await ui.press(KEY.enter);
    const frame = await ui.waitFor('T14 on v2 + classic: 2/2 as expected', 20_000);
    expect(row(frame, 'T14')).toMatch(/user enumeration +blocked +blocked +✓ +succeeded +succeeded +✓/);
    expect(frame).toMatch(/T14 user enumeration · attacker net/);
    expect(frame).toMatch(/stopped by +A2\.2: unknown organization/);
    // PgDn pages through the detail (a page is its height less one line) until the classic section shows.
    for (let first = 1; !ui.frame().includes('why it worked'); ) {
      await ui.press(PAGE_DOWN);
      first = Number(/detail lines (\d+)–/.exec(await ui.waitFor((f) => Number(/detail lines (\d+)–/.exec(f)?.[1]) > first))![1]);
    }
    expect(ui.frame()).toMatch(/why it worked +nothing: membership \(404\)/);
    await ui.unmount();
  });

  it('the padding-oracle view fills in A1 byte by byte with the query count; classic and v2 refuse after one query', async () => {
    // Two AES blocks at most: a few hundred queries (the bound, not the time cap, should end it on a loaded machine too).
    const ui = await renderInk(
      <DepsProvider deps={app.deps}><AttackLabScreen onBack={() => {}} oracle={{maxBlocks: 2, timeLimitMs: 8000}} /></DepsProvider>,
    );
    await ui.press('o');
    await ui.waitFor('not run yet: Enter runs T2');
    await ui.press(KEY.enter);
    const live = await ui.waitFor((f) => /recovering… [1-9]\d*\/\d+ bytes of A1 · \d+ quer/.test(f) && /^0000 .*[0-9a-f]{2} /m.test(f), 20_000);
    expect(live).toMatch(/classic --retrying +[1-9]\d*\/\d+ bytes · \d+ queries · \d+\.\d s/);
    const done = await ui.waitFor('T2 on all three servers: 3/3 as expected', 20_000);
    expect(done).toMatch(/stopped \((block|time)-cap\) [1-9]\d*\/\d+ bytes of A1 · \d+ queries · \d+\.\d s · 0 wrong/);
    expect(done).toMatch(/^0000 {2}(?:(?:··|[0-9a-f]{2}) ){16} .{16}$/m);
    expect(done).toMatch(/classic --retrying +[1-9]\d*\/\d+ bytes · \d+ queries .*✓ succeeded/);
    expect(done).toMatch(/classic \(faithful\) +refused after 1 query · 0 bytes +✓ blocked/);
    expect(done).toMatch(/v2 +refused after 1 query · 0 bytes +✓ blocked/);
    await ui.press(KEY.escape);
    await ui.waitFor((f) => /T2 +padding oracle on A1 +blocked +blocked +✓ +blocked +blocked +✓/.test(f) && /↳ classic --retrying +succeeded +succeeded +✓/.test(f));
    await ui.unmount();
  });

  it('Tab switches the suites; Esc while running goes back and ends the run (servers closed)', async () => {
    let run: Promise<unknown> | undefined;
    const runLab = (options: AttackLabOptions) => (run = runAttackLab(options));
    let backs = 0;
    const ui = await renderInk(<DepsProvider deps={app.deps}><AttackLabScreen onBack={() => backs++} runLab={runLab} /></DepsProvider>);
    await ui.press(KEY.tab);
    await ui.waitFor((f) => f.includes('suites v2 ·') && !/expected ok +classic/.test(f));
    await ui.press('r');
    await ui.waitFor((f) => /running T1–T14 on v2 \d+\/14 · .* · T\d+ v2/.test(f), 20_000);
    await ui.press(KEY.escape);
    expect(backs).toBe(1);
    await ui.unmount();
    await expect(run).rejects.toThrow('cancelled');
  });

  it('c cancels the padding oracle at its next byte: the run ends and the cells read cancelled', async () => {
    let run: Promise<unknown> | undefined;
    const runLab = (options: AttackLabOptions) => (run = runAttackLab(options));
    const ui = await renderInk(<DepsProvider deps={app.deps}><AttackLabScreen onBack={() => {}} runLab={runLab} /></DepsProvider>);
    await ui.press('o', KEY.enter);
    await ui.waitFor((f) => /recovering… [1-9]\d*\//.test(f), 20_000);
    await ui.press('c');
    const cancelled = await ui.waitFor((f) => /T2 on all three servers cancelled after [0-3]\/3/.test(f), 10_000);
    expect(cancelled).toMatch(/classic --retrying .* cancelled/);
    await run!.catch(() => undefined);
    await ui.unmount();
  });
});
