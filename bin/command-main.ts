import type {ExitCode} from '../src/cli/errors.js';
import {processIo, type CliIo} from '../src/cli/io.js';
import type {CommandDeps} from '../src/cli/commands/deps.js';
import {openRepository} from './open-repository.js';

/** A command as the bin entries run it. */
export type Command = (argv: readonly string[], io: CliIo, deps: CommandDeps) => Promise<ExitCode>;

/** Runs a command with the real process, environment and repository wiring; sets the exit code. */
export async function main(command: Command, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.env.NODE_ENV ??= 'production';
  process.exitCode = await command(argv, processIo(), {openRepository});
}
