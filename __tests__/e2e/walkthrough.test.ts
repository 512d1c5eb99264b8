import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {BUILD_TIMEOUT_MS, cleanEnv, DIST, ensureBuilt, makeTempHome, removeTempHomes, runCli} from '../helpers/cli.js';

describe('rep walkthrough (compiled, as a child process)', () => {
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
  afterAll(() => removeTempHomes());

  it('prints the same JSON trace twice for the same seed, a different one for another seed', async () => {
    const env = {REP_HOME: makeTempHome()};
    const first = await runCli('rep', ['walkthrough', '--seed', 'x', '--json'], {env});
    const second = await runCli('rep', ['walkthrough', '--seed', 'x', '--json'], {env});
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    const trace = JSON.parse(first.stdout);
    expect(trace.seed).toBe('x');
    expect(trace.frames.filter((f: {kind: string}) => f.kind === 'message')).toHaveLength(6);
    const other = await runCli('rep', ['walkthrough', '--seed', 'y', '--json'], {env});
    expect(JSON.parse(other.stdout).transcriptHash).not.toBe(trace.transcriptHash);
  });

  it('ends quietly (exit 0, nothing on stderr) when its reader goes away, as in `rep walkthrough --json | head`', async () => {
    const child = spawn(process.execPath, [join(DIST, 'bin', 'rep.js'), 'walkthrough', '--seed', 'x', '--json'], {env: cleanEnv({REP_HOME: makeTempHome()}), stdio: ['ignore', 'pipe', 'pipe']});
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy()); // the trace is ~230 KB: more than one pipe buffer
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints the JSON trace without a terminal even without --json', async () => {
    const result = await runCli('rep', ['walkthrough', '--seed', 'x'], {env: {REP_HOME: makeTempHome()}});
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).format).toBe('rep-walkthrough-trace/1');
  });

  it('exports Markdown (or JSON for .json) with --export and prints the path', async () => {
    const home = makeTempHome();
    const md = await runCli('rep', ['walkthrough', '--seed', 'x', '--export', 'hand-out.md'], {env: {REP_HOME: home}, cwd: home});
    expect(md.code).toBe(0);
    expect(md.stdout.trim()).toBe(join(home, 'hand-out.md'));
    expect(readFileSync(join(home, 'hand-out.md'), 'utf8')).toMatch(/```mermaid\nsequenceDiagram/);
    const json = await runCli('rep', ['walkthrough', '--seed', 'x', '--export', join(home, 't.json')], {env: {REP_HOME: home}});
    expect(json.stdout.trim()).toBe(join(home, 't.json'));
    expect(JSON.parse(readFileSync(join(home, 't.json'), 'utf8')).seed).toBe('x');
  });

  it('refuses unknown options (exit 2) and `rep --seed` without a terminal', async () => {
    const env = {REP_HOME: makeTempHome()};
    const bad = await runCli('rep', ['walkthrough', '--bogus'], {env});
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    const seeded = await runCli('rep', ['--seed', 'x'], {env});
    expect(seeded.code).toBe(2);
    expect(seeded.stderr).toContain('rep walkthrough --seed <text> --json');
  });
});
