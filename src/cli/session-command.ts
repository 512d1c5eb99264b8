import {writeFileSync} from 'node:fs';
import type {HandshakeEvent} from '../protocol/events.js';
import type {StoredSession} from '../store/session-record.js';
import type {ParsedArgs} from './args.js';
import {CliError, ExitCode} from './errors.js';
import {eventLine} from './event-lines.js';
import {line, type CliIo} from './io.js';

/** What `rep-create-session` reads from its arguments, for either suite. */
export interface SessionCommandInputs {
  readonly organization: string;
  readonly username: string;
  /** The password given as an argument (`<organization> <username> <password> <credentials> <file>`), if any. */
  readonly password?: string;
  readonly credentialsFile: string;
  readonly sessionFile: string;
  readonly trace: boolean;
}

/** `<organization> <username> [<password>] <credentials-file> <session-file> [--trace]`, as parsed. */
export function sessionCommandInputs(args: ParsedArgs): SessionCommandInputs {
  const [organization, username, ...rest] = args.positionals;
  const [credentialsFile, sessionFile] = rest.slice(-2) as [string, string];
  return {organization, username, password: rest.length === 3 ? rest[0] : undefined, credentialsFile, sessionFile, trace: args.flags.trace === true};
}

/**
 * The handshake's event sink for the command: one line per event on stdout (every step with `--trace`), or,
 * with `--json`, nothing printed and the events kept for the JSON answer when `--trace` asks for them.
 */
export function commandEventSink(io: CliIo, json: boolean, trace: boolean): {readonly onEvent: (event: HandshakeEvent) => void; readonly events: HandshakeEvent[]} {
  const events: HandshakeEvent[] = [];
  const onEvent = (event: HandshakeEvent) => {
    if (json) {
      if (trace) events.push(event);
      return;
    }
    const text = eventLine(event, trace);
    if (text !== undefined) line(io.stdout, text);
  };
  return {onEvent, events};
}

/** Writes the session file (mode 0600). The session is already stored, so a failure says so and how to find it. */
export function writeSessionFile(sessionFile: string, text: string, session: StoredSession): void {
  try {
    writeFileSync(sessionFile, text, {mode: 0o600});
  } catch (error) {
    throw new CliError(ExitCode.LocalInput, 'session_file_unwritable',
      `session ${session.id} was created and stored (see rep-sessions show ${session.id}), but ${sessionFile} could not be written: ${(error as Error).message}.`);
  }
}
