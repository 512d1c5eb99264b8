import {SUITES, type SuiteName} from './args.js';

/**
 * Whether `rep-create-session` (on a terminal) should open the wizard instead of running the command, and with
 * which suite preselected: the wizard opens when some of `<organization> <username> <credentials-file>
 * <session-file>` are missing and nothing asks for non-interactive output (`--json`, `--help`). The answer is
 * undefined to run the command (an unknown suite is left to the command, which says what is wrong), else the
 * `--suite` given, if any (v2 or classic, both offered by the wizard).
 */
export function wizardSuite(argv: readonly string[]): {readonly suite?: SuiteName} | undefined {
  let positionals = 0;
  let chosen: SuiteName | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals += argv.length - i - 1;
      break;
    }
    if (arg === '--json' || arg === '--help' || arg === '-h') return undefined;
    if (arg === '--suite' || arg.startsWith('--suite=')) {
      const suite = arg === '--suite' ? argv[++i] : arg.slice('--suite='.length);
      if (!(SUITES as readonly string[]).includes(suite)) return undefined;
      chosen = suite as SuiteName;
    } else if (!arg.startsWith('--') && !(arg.startsWith('-') && arg.length === 2)) {
      positionals++;
    }
  }
  return positionals < 4 ? {suite: chosen} : undefined;
}
