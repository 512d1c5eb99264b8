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
