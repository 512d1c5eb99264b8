// Session store across processes: 8 node processes, released together, each saving 25 sessions into one store
// (the compiled dist/src/store/session-store.js, as the commands use it). Nothing may be lost.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runStoreWorkers} from '../../scripts/stress/store.js';
import {BUILD_TIMEOUT_MS, DIST, ensureBuilt} from '../helpers/cli.js';

let dir: string;
beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rep-store-stress-'));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

it('8 processes saving 25 sessions each at the same time: all 200 present, no warning, no lock left, mode 0600', async () => {
  const result = await runStoreWorkers(dir, {processes: 8, count: 25, storeModule: join(DIST, 'src/store/session-store.js')});
  console.log(JSON.stringify(result));
  expect(result).toMatchObject({expected: 200, present: 200, unique: 200, complete: true, warnings: [], lock_left: false, file_mode: '600'});
}, 60_000);
