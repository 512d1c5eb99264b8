// `rep attack --json` as a real process against the compiled build: exit 0 and the array of results.
import {BUILD_TIMEOUT_MS, ensureBuilt, runCli} from '../helpers/cli.js';

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);

describe('rep attack (compiled)', () => {
  it('attack --json exits 0 and prints {"id","suite","verdict","expected","pass","detail"} for every run', async () => {
    const result = await runCli('rep', ['attack', '--json'], {env: {}, timeoutMs: 90_000});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(29);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'suite', 'verdict', 'expected', 'pass', 'detail']);
      expect(row.pass).toBe(true);
    }
    expect(rows.filter((r) => r.suite === 'classic-retrying')).toEqual([expect.objectContaining({id: 'T2', verdict: 'succeeded'})]);
  }, 100_000);

  it('a bad option is a usage error (exit 2)', async () => {
    const result = await runCli('rep', ['attack', '--only', 'T99', '--json'], {env: {}});
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({error: 'usage'});
  });
});
