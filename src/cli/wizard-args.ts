/**
 * Whether `rep-create-session` (on a terminal) should open the wizard instead of running the command: some of
 * `<organization> <username> <credentials-file> <session-file>` are missing, and nothing asks for
 * non-interactive output (`--json`, `--help`) or for a suite the wizard does not offer.
 */
export function wantsWizard(argv: readonly string[]): boolean {
  let positionals = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals += argv.length - i - 1;
      break;
    }
    if (arg === '--json' || arg === '--help' || arg === '-h') return false;
    if (arg === '--suite' || arg.startsWith('--suite=')) {
      const suite = arg === '--suite' ? argv[++i] : arg.slice('--suite='.length);
      if (suite !== 'v2') return false;
    } else if (!arg.startsWith('--') && !(arg.startsWith('-') && arg.length === 2)) {
      positionals++;
    }
  }
  return positionals < 4;
}
