import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BUILD_TIMEOUT_MS, ensureBuilt} from '../helpers/cli.js';
import {hasTmux, startTmux, type TmuxSession} from '../helpers/tmux.js';

const describeTmux = hasTmux ? describe : describe.skip;
if (!hasTmux) console.warn('tmux is not installed: skipping the end-to-end terminal UI tests (.ci/run installs it).');

describeTmux('the terminal app under tmux (80×24, real bundled server)', () => {
  let home: string;
  let session: TmuxSession | undefined;
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'rep-tui-'));
  });
  afterEach(() => {
    session?.kill();
    rmSync(home, {recursive: true, force: true});
  });

  it('starts on the home menu, shows the repository and its organizations, and quits with q', async () => {
    session = startTmux('node dist/bin/rep.js', {REP_HOME: home});
    await session.waitFor('Create a session');
    expect(session.screen()).toMatch(/bundled repository http:\/\/127\.0\.0\.1:\d+/);
    await session.send('j', 'j', 'j', 'Enter');
    await session.waitFor('Organizations');
    await session.waitFor('acme');
    await session.send('Escape', 'q');
    await session.waitFor(() => session!.exited());
  }, 30_000);
});

describeTmux('creating a session through the app under tmux', () => {
  let home: string;
  let session: TmuxSession | undefined;
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'rep-tui-'));
  });
  afterEach(() => {
    session?.kill();
    rmSync(home, {recursive: true, force: true});
  });

  it('Enter through the wizard defaults, A0–A3 succeed, the new session is in the browser, q quits', async () => {
    session = startTmux('node dist/bin/rep.js', {REP_HOME: home});
    await session.waitFor('Create a session');
    await session.send('Enter');
    // organization (acme) → username (alice) → key (the demo key) → password (prefilled demo) → suite (v2)
    for (const step of ['Organization', 'Username', 'Private key', 'Password', 'Suite']) {
      await session.waitFor((screen) => screen.toLowerCase().includes(step.toLowerCase()));
      await session.send('Enter');
    }
    const done = await session.waitFor((screen) => /Session \S+ stored/.test(screen), 15_000);
    for (const stage of ['A0 ✓', 'A1 ✓', 'A2 ✓', 'A3 ✓']) expect(done).toContain(stage);
    const id = /Session (\S+) stored/.exec(done)![1];
    await session.send('Enter');
    const browser = await session.waitFor('stored session');
    expect(browser).toContain('acme');
    expect(browser).toContain('alice');
    await session.send('Enter');
    await session.waitFor(id);
    await session.send('q');
    await session.waitFor(() => session!.exited());
  }, 60_000);
});
