import {parseArgs} from 'node:util';
import type {SubjectCommand} from './admin.js';

/** Usage text of `rep-server`. */
export const USAGE = `Usage:
  rep-server [--host 127.0.0.1] [--port N] [--log]   start the bundled repository server
  rep-server subject suspend <org> <username>        suspend a subject in an organization
  rep-server subject activate <org> <username>       activate a subject in an organization
  rep-server --help                                  show this text

Options:
  --host <address>  interface to listen on (default 127.0.0.1)
  --port <n>        port to listen on (default $REP_PORT, else 0: a free port)
  --log             log every request
Files live under $REP_HOME (database, master key, repository key, demo credentials).`;

/** What `rep-server` was asked to do. */
export type ServerCommand =
  | {readonly kind: 'help'}
  | {readonly kind: 'serve'; readonly host: string; readonly port: number; readonly log: boolean}
  | {readonly kind: 'subject'; readonly action: SubjectCommand; readonly organization: string; readonly username: string};

/** A command line `rep-server` cannot run; `message` is one sentence for the user (exit code 2). */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parsePort(text: string, origin: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`${origin} must be a port number from 0 to 65535, got "${text}".`);
  }
  return Number(text);
}

/** Parses `rep-server`'s arguments (without `node` and the script) with node:util parseArgs. */
export function parseServerArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        host: {type: 'string'},
        port: {type: 'string'},
        log: {type: 'boolean', default: false},
        help: {type: 'boolean', short: 'h', default: false},
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const {values, positionals} = parsed;
  if (values.help) return {kind: 'help'};
  if (positionals.length === 0) {
    const host = values.host ?? '127.0.0.1';
    if (host.trim() === '') throw new UsageError('--host must not be empty.');
    const envPort = env.REP_PORT !== undefined && env.REP_PORT.trim() !== '' ? env.REP_PORT.trim() : undefined;
    const port = values.port !== undefined
      ? parsePort(values.port, '--port')
      : envPort !== undefined ? parsePort(envPort, 'REP_PORT') : 0;
    return {kind: 'serve', host, port, log: values.log ?? false};
  }
  const [group, action, organization, username, ...rest] = positionals;
  if (group !== 'subject' || (action !== 'suspend' && action !== 'activate')) {
    throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
  }
  if (organization === undefined || username === undefined || rest.length > 0) {
    throw new UsageError(`"subject ${action}" needs exactly an organization and a username.`);
  }
  if (values.host !== undefined || values.port !== undefined) {
    throw new UsageError(`--host and --port do not apply to "subject ${action}".`);
  }
  return {kind: 'subject', action, organization, username};
}
