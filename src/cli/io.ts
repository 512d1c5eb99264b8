import {CliError, describeError, ExitCode} from './errors.js';

/** Where a command writes, and whether it speaks JSON (`--json`). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  readonly env: NodeJS.ProcessEnv;
}

let pipeWatched = false;

/**
 * The process's real streams and environment. A reader that goes away (`rep walkthrough --json | head`)
 * ends the command quietly with the exit code it has so far, as SIGPIPE ends a C tool, instead of Node's
 * unhandled EPIPE stack trace; output is printed only after the work (and any store write) is done.
 */
export function processIo(): CliIo {
  if (!pipeWatched) {
    pipeWatched = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env};
}

/** Writes one line. */
export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Writes one JSON document on stdout (the `--json` answer). */
export function printJson(io: CliIo, value: unknown): void {
  line(io.stdout, JSON.stringify(value, null, 2));
}

/**
 * Runs a command body and turns failures into one clear sentence on stderr (or a JSON error document on
 * stderr with `--json`) and the documented exit code.
 */
export async function runCommand(io: CliIo, json: boolean, usage: string, body: () => Promise<void>): Promise<ExitCode> {
  try {
    await body();
    return ExitCode.Ok;
  } catch (error) {
    const failure = describeError(error);
    if (json) {
      line(io.stderr, JSON.stringify({error: failure.code, stage: failure.stage, message: failure.message, exit_code: failure.exitCode}));
    } else {
      line(io.stderr, `error: ${failure.message}`);
      if (failure.exitCode === ExitCode.Usage) line(io.stderr, usage);
    }
    return failure.exitCode;
  }
}

export {CliError, ExitCode};
