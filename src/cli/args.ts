import {parseArgs} from 'node:util';
import {usageError} from './errors.js';

/** Suites a command accepts with `--suite`: `v2` (default) and `classic` (the reference's wire format). */
export const SUITES = ['v2', 'classic'] as const;
export type SuiteName = (typeof SUITES)[number];

/** Parsed command line: positionals, the common flags, and any extra boolean/string options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly json: boolean;
  readonly help: boolean;
  readonly suite: SuiteName;
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
}

/**
 * Parses `argv` with the common options `--json`, `--suite <name>`, `--help` plus `extra` ones; unknown
 * options and a wrong positional count are usage errors. `positionals` is the accepted counts.
 */
export function parseCommandArgs(
  argv: readonly string[],
  positionals: readonly number[],
  extra: Record<string, {type: 'boolean' | 'string'; short?: string}> = {},
): ParsedArgs {
  const options = {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}, suite: {type: 'string'}, ...extra} as const;
  let parsed;
  try {
    parsed = parseArgs({
      args: separateDashPositionals(argv, options),
      allowPositionals: true,
      strict: true,
      options,
    });
  } catch (error) {
    throw usageError((error as Error).message.split('\n')[0]);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  const suite = (values.suite as string | undefined) ?? 'v2';
  if (!(SUITES as readonly string[]).includes(suite)) {
    throw usageError(`unknown suite '${suite}': available suites are ${SUITES.join(', ')}`);
  }
  if (!help && !positionals.includes(parsed.positionals.length)) {
    throw usageError(`expected ${positionals.join(' or ')} arguments, got ${parsed.positionals.length}`);
  }
  return {positionals: parsed.positionals, json: values.json === true, help, suite: suite as SuiteName, flags: values};
}

/**
 * Session ids are base64url and may start with `-` (e.g. `-tB3l5dX…`): a single-dash argument longer than
 * a short option (`-h`) is an argument, not an option cluster. Such arguments are moved after `--`, in
 * order with the other positionals, so `rep-sessions show -tB3l5dX…` works as typed.
 */
function separateDashPositionals(argv: readonly string[], options: Record<string, {type: 'boolean' | 'string'}>): string[] {
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      flags.push(arg);
      const name = arg.slice(2).split('=')[0];
      if (options[name]?.type === 'string' && !arg.includes('=') && i + 1 < argv.length) flags.push(argv[++i]);
    } else if (arg.startsWith('-') && arg.length === 2) {
      flags.push(arg);
    } else {
      positionals.push(arg);
    }
  }
  return [...flags, '--', ...positionals];
}
