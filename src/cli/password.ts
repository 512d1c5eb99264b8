import {createInterface} from 'node:readline';
import type {CliIo} from './io.js';
import {CliError, ExitCode} from './errors.js';

/**
 * The subject's key password: the explicit argument, else REP_KEY_PASSWORD, else a masked prompt when stdin
 * is a terminal. Without any of them the command fails with what to do.
 */
export async function resolvePassword(io: CliIo, explicit: string | undefined, file: string): Promise<string> {
  if (explicit !== undefined) return explicit;
  if (io.env.REP_KEY_PASSWORD !== undefined) return io.env.REP_KEY_PASSWORD;
  if (!io.stdin.isTTY) {
    throw new CliError(ExitCode.Usage, 'password_missing', `no password for ${file}: pass it as an argument or set REP_KEY_PASSWORD.`);
  }
  return promptMasked(io, `Password for ${file}: `);
}

/** Reads one line from the terminal without echoing it. */
function promptMasked(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve) => {
    const output = io.stderr as NodeJS.WritableStream & {write: (chunk: string) => boolean};
    let muted = false;
    const rl = createInterface({
      input: io.stdin,
      output: {write: (chunk: string) => (muted ? true : output.write(chunk))} as unknown as NodeJS.WritableStream,
      terminal: true,
    });
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
