/**
 * Loads Project Wycheproof test vector files (testvectors_v1 JSON) in place from the shared checkout,
 * `../shared/vectors/wycheproof` relative to the project root, or from `$WYCHEPROOF_DIR`. The files are
 * never copied into the repository. When a file is missing, `describeWycheproof` registers a skipped suite
 * and warns instead of failing.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';

export type WycheproofResult = 'valid' | 'invalid' | 'acceptable';

/** Fields common to every Wycheproof test case. */
export interface WycheproofTest {
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly result: WycheproofResult;
}

/** Fields common to every test group; each schema adds its own parameters. */
export interface WycheproofGroup<T extends WycheproofTest = WycheproofTest> {
  readonly type: string;
  readonly tests: readonly T[];
}

export interface WycheproofFile<G extends WycheproofGroup = WycheproofGroup> {
  readonly algorithm: string;
  readonly schema?: string;
  readonly numberOfTests: number;
  readonly notes?: Record<string, unknown>;
  readonly testGroups: readonly G[];
}

/** Where the vectors are read from. */
export const wycheproofDir: string = path.resolve(
  process.env.WYCHEPROOF_DIR ?? path.resolve(process.cwd(), '../shared/vectors/wycheproof'),
);

/** Hex string to bytes. */
export const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/**
 * Reads and parses one vector file, or undefined when it does not exist. Checks the file against the
 * folder's SHA256SUMS when that lists it, and that `numberOfTests` matches the tests actually present.
 */
export function loadWycheproof<G extends WycheproofGroup>(name: string): WycheproofFile<G> | undefined {
  const file = path.join(wycheproofDir, name);
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  const expected = expectedSha256(name);
  if (expected !== undefined) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) throw new Error(`${file}: SHA-256 ${actual} does not match SHA256SUMS (${expected})`);
  }
  const data = JSON.parse(bytes.toString('utf8')) as WycheproofFile<G>;
  const count = data.testGroups.reduce((sum, group) => sum + group.tests.length, 0);
  if (count !== data.numberOfTests) throw new Error(`${file}: numberOfTests says ${data.numberOfTests}, found ${count}`);
  return data;
}

function expectedSha256(name: string): string | undefined {
  const sums = path.join(wycheproofDir, 'SHA256SUMS');
  if (!existsSync(sums)) return undefined;
  for (const line of readFileSync(sums, 'utf8').split('\n')) {
    const match = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (match && match[2] === name) return match[1];
  }
  return undefined;
}

/**
 * `describe` over one vector file; a skipped suite with a warning when the file is absent. `body` gets the
 * parsed file (title gains the file name and vector count).
 */
export function describeWycheproof<G extends WycheproofGroup>(
  name: string,
  title: string,
  body: (file: WycheproofFile<G>) => void,
): void {
  const data = loadWycheproof<G>(name);
  if (data === undefined) {
    console.warn(`Wycheproof vectors not found at ${path.join(wycheproofDir, name)}; skipping (set WYCHEPROOF_DIR to override)`);
    describe.skip(`${title} (${name} not found)`, () => {
      it(`needs ${name}`, () => undefined);
    });
    return;
  }
  describe(`${title} [${name}: ${data.numberOfTests} vectors]`, () => body(data));
}

/** A short name for a test group in `it.each` titles. */
export function groupTitle(index: number, group: WycheproofGroup, detail = ''): string {
  const ids = group.tests.map((t) => t.tcId);
  const range = ids.length === 0 ? 'empty' : `tcId ${Math.min(...ids)}–${Math.max(...ids)}`;
  return `group ${index + 1}${detail ? ` ${detail}` : ''} (${group.tests.length} vectors, ${range})`;
}

/**
 * Runs `check` on every vector and returns one line per failing vector, naming the tcId, result, flags and
 * comment. `check` returns undefined when the vector passes or a description of what went wrong; an
 * exception thrown by `check` itself is a failure too. Use `expect(checkVectors(...)).toEqual([])`.
 */
export function checkVectors<T extends WycheproofTest>(tests: readonly T[], check: (test: T) => string | undefined): string[] {
  const failures: string[] = [];
  for (const test of tests) {
    let problem: string | undefined;
    try {
      problem = check(test);
    } catch (error) {
      problem = `check threw ${describeError(error)}`;
    }
    if (problem !== undefined) {
      failures.push(`tcId ${test.tcId} (${test.result}; ${test.flags.join(',') || 'no flags'}; "${test.comment}"): ${problem}`);
    }
  }
  return failures;
}

/** Runs `fn`; returns its value or the error it threw (so a check can look at both). */
export function attempt<T>(fn: () => T): {ok: true; value: T} | {ok: false; error: unknown} {
  try {
    return {ok: true, value: fn()};
  } catch (error) {
    return {ok: false, error};
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as {code?: unknown}).code;
    return `${error.name}${code === undefined ? '' : `[${String(code)}]`}: ${error.message}`;
  }
  return String(error);
}
