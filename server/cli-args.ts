import {parseArgs} from 'node:util';
import type {SubjectCommand} from './admin.js';
import type {ServedSuite} from './context.js';

/** Usage text of `rep-server`. */
export const USAGE = `Usage:
  rep-server [--host 127.0.0.1] [--port N] [--log] [--suite both|v2|classic]
             [--repo-key <pem> [--repo-key-password <pw>]] [--retrying]
                                                      start the bundled repository server
  rep-server subject suspend <org> <username>        suspend a subject in an organization
  rep-server subject activate <org> <username>       activate a subject in an organization
  rep-server --help                                  show this text

Options:
  --host <address>  interface to listen on (default 127.0.0.1)
  --port <n>        port to listen on (default $REP_PORT, else 0: a free port)
  --log             log every request
  --suite <s>       protocols to serve: both (default), v2 (/v2/...) or classic (the reference's paths)
  --repo-key <pem>  the classic suite's repository private key (P-521 PEM, e.g. the reference's
                    rep_priv_key.pem) instead of REP_HOME's own; used in place
  --repo-key-password <pw>  its password (or REP_REPO_KEY_PASSWORD)
  --retrying        INSECURE, for demonstrations: the classic suite keeps a channel after a failed
                    decryption and names the failure (a padding oracle, attack T2 of rep attack)
Files live under $REP_HOME (database, master key, repository key, demo credentials).`;

/** What `rep-server` was asked to do. */
export type ServerCommand =
  | {readonly kind: 'help'}
  | {
      readonly kind: 'serve'; readonly host: string; readonly port: number; readonly log: boolean;
      /** Absent: both suites. */
      readonly suites?: readonly ServedSuite[];
      /** Absent: the classic key in REP_HOME (generated on first start). */
      readonly classicKey?: {readonly file: string; readonly password?: string};
      /** `--retrying` (present only when given): the classic suite's padding-oracle variant. */
      readonly classicRetrying?: true;
    }
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
        suite: {type: 'string'},
        'repo-key': {type: 'string'},
        'repo-key-password': {type: 'string'},
        retrying: {type: 'boolean'},
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
    return {kind: 'serve', host, port, log: values.log ?? false, ...suiteOptions(values, env)};
  }
  const [group, action, organization, username, ...rest] = positionals;
  if (group !== 'subject' || (action !== 'suspend' && action !== 'activate')) {
    throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
  }
  if (organization === undefined || username === undefined || rest.length > 0) {
    throw new UsageError(`"subject ${action}" needs exactly an organization and a username.`);
  }
  if (values.host !== undefined || values.port !== undefined || values.suite !== undefined || values['repo-key'] !== undefined || values.retrying !== undefined) {
    throw new UsageError(`--host, --port, --suite, --repo-key and --retrying do not apply to "subject ${action}".`);
  }
  return {kind: 'subject', action, organization, username};
}

const SUITE_CHOICES: Readonly<Record<string, readonly ServedSuite[]>> = {both: ['v2', 'classic'], v2: ['v2'], classic: ['classic']};

/** `--suite` and `--repo-key` of the serve command (undefined fields when not given). */
function suiteOptions(values: {suite?: string; 'repo-key'?: string; 'repo-key-password'?: string; retrying?: boolean}, env: NodeJS.ProcessEnv) {
  const suite = values.suite;
  if (suite !== undefined && SUITE_CHOICES[suite] === undefined) throw new UsageError(`--suite must be both, v2 or classic, got "${suite}".`);
  const file = values['repo-key'];
  const password = values['repo-key-password'] ?? env.REP_REPO_KEY_PASSWORD;
  if (file === undefined && values['repo-key-password'] !== undefined) throw new UsageError('--repo-key-password needs --repo-key.');
  if (file !== undefined && suite === 'v2') throw new UsageError('--repo-key is the classic suite\'s key: it does not apply to --suite v2.');
  if (values.retrying && suite === 'v2') throw new UsageError('--retrying is a variant of the classic suite: it does not apply to --suite v2.');
  return {
    suites: suite === undefined ? undefined : SUITE_CHOICES[suite], classicKey: file === undefined ? undefined : {file, password},
    ...(values.retrying ? {classicRetrying: true as const} : {}),
  };
}
