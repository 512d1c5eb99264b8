// Runs jest in ESM mode, then prints the closing line CI recognises: "N passed, N failed".
// Extra arguments are passed to jest (e.g. a test path pattern). Keeps jest's exit code.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rep-jest-'));
const out = join(dir, 'results.json');
const env = {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim(),
};
const result = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  {stdio: 'inherit', env},
);
let code = result.status ?? 1;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  if (report.numFailedTests > 0 || report.numFailedTestSuites > 0) code = code || 1;
} catch {
  console.log('0 passed, 1 failed');
  code = code || 1;
}
rmSync(dir, {recursive: true, force: true});
process.exit(code);
