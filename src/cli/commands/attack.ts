import {parseArgs} from 'node:util';
import {isScenarioId, SCENARIOS} from '../../attack/catalog.js';
import {runAttackLab} from '../../attack/lab.js';
import {formatTable, toJsonRows} from '../../attack/report.js';
import type {AttackEvent, LabSuite, ScenarioId} from '../../attack/types.js';
import {CliError, ExitCode, usageError} from '../errors.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';

export const ATTACK_USAGE = `usage: rep attack [--suite v2|classic|both] [--only T3,T5] [--json]
                  [--oracle-seconds <s>] [--oracle-queries <n>]
  The attack lab: the scenarios T1–T14 of the hardened-suite design, run for real over loopback HTTP through
  a man-in-the-middle proxy against bundled repositories started in a temporary folder (REP_HOME and
  REP_ADDRESS are not used; nothing is kept). For each scenario and suite: the verdict (blocked, succeeded,
  not-applicable), the verdict the design expects, and what stopped the attack or why it worked.
  --suite    v2, classic (with its --retrying variant for T2's padding oracle), or both (default)
  --only     a comma-separated list of scenario ids (default all)
  --json     an array of {"id","suite","verdict","expected","pass","detail"}
  --oracle-seconds, --oracle-queries   caps of the padding oracle (default 20 s, 200000 queries)
Exit code 1 when a verdict is not the expected one.`;

const SUITES: Readonly<Record<string, readonly LabSuite[]>> = {
  both: ['v2', 'classic', 'classic-retrying'], v2: ['v2'], classic: ['classic', 'classic-retrying'], 'classic-retrying': ['classic-retrying'],
};

function positiveNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw usageError(`${option} must be a positive number, got '${text}'`);
  return value;
}

function parseOnly(text: string | undefined): ScenarioId[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((id) => id.trim().toUpperCase()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !isScenarioId(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw usageError(`unknown scenario '${unknown[0] ?? text}': the scenarios are ${SCENARIOS.map((s) => s.id).join(', ')}`);
  }
  return ids as ScenarioId[];
}

/** Progress lines on a terminal (stderr): one per finished scenario, and the oracle's progress. */
function progressPrinter(io: CliIo): ((event: AttackEvent) => void) | undefined {
  if ((io.stderr as NodeJS.WriteStream).isTTY !== true) return undefined;
  let lastOracle = 0;
  return (event) => {
    if (event.type === 'scenario-done') {
      const r = event.result;
      line(io.stderr, `${r.pass ? '✓' : '✗'} ${r.id} ${r.suite}: ${r.verdict} (expected ${r.expected}) ${r.durationMs} ms`);
    } else if (event.type === 'oracle-byte' && Date.now() - lastOracle > 1000) {
      lastOracle = Date.now();
      line(io.stderr, `  T2 ${event.suite}: ${event.recovered} bytes recovered, ${event.queries} queries`);
    }
  };
}

/** `rep attack`: runs the lab and prints the table (or `--json`); exit 1 if any verdict is unexpected. */
export async function attackCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let failed = false;
  const code = await runCommand(io, argv.includes('--json'), ATTACK_USAGE, async () => {
    let values;
    try {
      ({values} = parseArgs({
        args: [...argv], strict: true, allowPositionals: false,
        options: {
          suite: {type: 'string'}, only: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'},
          'oracle-seconds': {type: 'string'}, 'oracle-queries': {type: 'string'},
        },
      }));
    } catch (error) {
      throw usageError((error as Error).message.split('\n')[0]);
    }
    if (values.help) return line(io.stdout, ATTACK_USAGE);
    const suites = SUITES[values.suite ?? 'both'];
    if (!suites) throw usageError(`unknown suite '${values.suite}': use v2, classic or both`);
    const only = parseOnly(values.only);
    const seconds = positiveNumber(values['oracle-seconds'], '--oracle-seconds');
    const queries = positiveNumber(values['oracle-queries'], '--oracle-queries');
    const started = Date.now();
    const results = await runAttackLab({
      suites, only, onProgress: values.json ? undefined : progressPrinter(io),
      oracle: {timeLimitMs: seconds === undefined ? undefined : seconds * 1000, maxQueries: queries === undefined ? undefined : Math.floor(queries)},
    });
    if (results.length === 0) throw new CliError(ExitCode.Usage, 'usage', `no scenario of ${values.only} runs on the suite ${values.suite}`);
    failed = results.some((r) => !r.pass);
    if (values.json) return printJson(io, toJsonRows(results));
    const width = (io.stdout as NodeJS.WriteStream).columns ?? 140;
    for (const text of formatTable(results, width)) line(io.stdout, text);
    line(io.stdout, `ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return code === ExitCode.Ok && failed ? ExitCode.Refused : code;
}
