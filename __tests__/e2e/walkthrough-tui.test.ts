import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BUILD_TIMEOUT_MS, ensureBuilt} from '../helpers/cli.js';
import {hasTmux, startTmux} from '../helpers/tmux.js';

const describeTmux = hasTmux ? describe : describe.skip;

/** The walkthrough's own lines: the app header (bundled server URL and key, different every run) left out. */
const body = (screen: string): string => screen.split('\n').slice(2).join('\n');

/** Runs `rep walkthrough --seed demo` in tmux at 80×24 and reads the screen at a few positions, then quits. */
async function screens(home: string): Promise<string[]> {
  const session = startTmux('node dist/bin/rep.js walkthrough --seed demo', {REP_HOME: home});
  try {
    const seen: string[] = [];
    seen.push(body(await session.waitFor('1/27 · seed "demo"', 20_000)));
    await session.send('Right', 'Right', 'Right', 'Right');
    seen.push(body(await session.waitFor('5/27')));
    await session.send('Down', 'Space');
    seen.push(body(await session.waitFor('bytes (hex)')));
    await session.send('Space', 'Tab', 'Tab');
    seen.push(body(await session.waitFor('[transcript]')));
    await session.send('G');
    seen.push(body(await session.waitFor('27/27')));
    await session.send('Left');
    seen.push(body(await session.waitFor('26/27')));
    await session.send('q');
    await session.waitFor(() => session.exited());
    return seen;
  } finally {
    session.kill();
  }
}

describeTmux('rep walkthrough under tmux (80×24)', () => {
  const homes: string[] = [];
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
  afterAll(() => homes.forEach((home) => rmSync(home, {recursive: true, force: true})));

  it('shows the same screen text on two runs with the same seed', async () => {
    const home = () => {
      homes.push(mkdtempSync(join(tmpdir(), 'rep-walk-')));
      return homes[homes.length - 1];
    };
    const first = await screens(home());
    const second = await screens(home());
    expect(second).toEqual(first);
    expect(first[1]).toContain('A0.3 · repository · sign');
    expect(first[3]).toContain('H_a0s');
    expect(first[4]).toContain('A3.7 · client · store');
  }, 60_000);
});
