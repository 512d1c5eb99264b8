import {traceToJson} from '../../protocol/trace-export.js';
import {buildWalkthrough} from '../../protocol/v2/walkthrough.js';
import {parseCommandArgs} from '../args.js';
import {ExitCode, usageError} from '../errors.js';
import {line, runCommand, type CliIo} from '../io.js';
import {writeTraceFile} from '../trace-files.js';

/** `rep walkthrough --help`. */
export const WALKTHROUGH_USAGE = `usage: rep walkthrough [--seed <text>] [--export <file>] [--json]
  The v2 handshake run in memory (client and repository), paused before every step, every message byte by byte.
  --seed <text>    deterministic run: the same seed gives the same keys, nonces, IVs and bytes (teaching only:
                   the seed gives every key away); without it everything is random
  --export <file>  writes the run as Markdown with a Mermaid sequence diagram (JSON when <file> ends in .json)
                   and prints the path
  --json           prints the JSON trace (every step and message with its bytes) on stdout
On a terminal, without --export or --json: the interactive walkthrough (→/Enter next, ← back, e export).
Without a terminal: the JSON trace, as with --json.`;

/** Opens the interactive app on the walkthrough screen; answers the exit code. */
export type OpenWalkthroughApp = (seed: string | undefined) => Promise<number>;

/**
 * `rep walkthrough`: with `--export <file>` writes the Markdown hand-out (or the JSON trace for `.json`);
 * with `--json`, or when `openApp` is not given (no terminal), prints the JSON trace; otherwise opens the
 * interactive walkthrough through `openApp`.
 */
export function walkthroughCommand(openApp?: OpenWalkthroughApp) {
  return async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
    let appExit: number = ExitCode.Ok;
    const code = await runCommand(io, argv.includes('--json'), WALKTHROUGH_USAGE, async () => {
      const args = parseCommandArgs(argv, [0], {seed: {type: 'string'}, export: {type: 'string'}});
      if (args.help) return line(io.stdout, WALKTHROUGH_USAGE);
      const seed = args.flags.seed as string | undefined;
      const file = args.flags.export as string | undefined;
      if (file !== undefined && file.trim() === '') throw usageError('--export needs a file name');
      if (file === undefined && !args.json && openApp) {
        appExit = await openApp(seed);
        return;
      }
      const walkthrough = buildWalkthrough(seed === undefined ? {} : {seed});
      if (file === undefined) return void io.stdout.write(traceToJson(walkthrough));
      const path = writeTraceFile(walkthrough, file);
      line(io.stdout, args.json ? JSON.stringify({exported: path}) : path);
    });
    return code === ExitCode.Ok ? (appExit as ExitCode) : code;
  };
}
