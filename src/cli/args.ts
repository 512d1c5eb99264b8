import {parseArgs} from 'node:util';
import {usageError} from './errors.js';

/** Suites a command accepts with `--suite` (issue 4 adds `classic`). */
export const SUITES = ['v2'] as const;
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
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}, suite: {type: 'string'}, ...extra},
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
