#!/usr/bin/env node
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createOrgCommand} from '../src/cli/commands/create-org.js';
import {createSessionCommand} from '../src/cli/commands/create-session.js';
import {listOrgsCommand} from '../src/cli/commands/list-orgs.js';
import {sessionsCommand} from '../src/cli/commands/sessions.js';
import {subjectCredentialsCommand} from '../src/cli/commands/subject-credentials.js';
import {line} from '../src/cli/io.js';
import {repPaths} from '../src/paths.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../server/seed.js';
import {main, type Command} from './command-main.js';

const USAGE = `usage: rep [command] [arguments]
  (no command)            on a terminal: the interactive app; otherwise the demo: a session for the seeded
                          demo subject on the bundled repository, every step printed as plain lines
  create-session ...      same as rep-create-session
  subject-credentials ... same as rep-subject-credentials
  create-org ...          same as rep-create-org
  list-orgs               same as rep-list-orgs
  sessions ...            same as rep-sessions
  help                    this text
Each command takes --help. Environment: REP_HOME, REP_ADDRESS, REP_PUB_KEY, REP_KEY_PASSWORD (see README).`;

const COMMANDS: Record<string, Command> = {
  'create-session': createSessionCommand,
  'subject-credentials': subjectCredentialsCommand,
  'create-org': createOrgCommand,
  'list-orgs': listOrgsCommand,
  sessions: sessionsCommand,
};

/** The demo: the bundled repository seeds acme/alice on first start; create a session for her with --trace. */
const demo: Command = async (argv, io, deps) => {
  const paths = repPaths(io.env);
  const credentials = demoCredentialFiles(paths).privateKey;
  const sessionFile = join(paths.home, 'demo-session.json');
  // Starting the bundled server once seeds the demo (credentials included) when REP_HOME is new.
  if (!io.env.REP_ADDRESS) await (await deps.openRepository(io.env)).close();
  return createSessionCommand([DEMO_ORGANIZATION, DEMO_USERNAME, DEMO_PASSWORD, credentials, sessionFile, '--trace', ...argv], io, deps);
};

/** The interactive app, from the esbuild bundle when it exists (fast start-up), else the compiled modules. */
async function startApp(): Promise<void> {
  const bundle = new URL('./rep-tui.bundle.js', import.meta.url);
  const module: {runTui: () => Promise<number>} = await import(existsSync(fileURLToPath(bundle)) ? bundle.href : './rep-tui.js');
  process.exitCode = await module.runTui();
}

const [name, ...rest] = process.argv.slice(2);
const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
if (name === 'help' || name === '--help' || name === '-h') {
  line(process.stdout, USAGE);
} else if (name === undefined && interactive) {
  await startApp();
} else if (name === undefined || name.startsWith('--')) {
  await main(demo, process.argv.slice(2));
} else if (COMMANDS[name]) {
  await main(COMMANDS[name], rest);
} else {
  line(process.stderr, `error: unknown command '${name}'`);
  line(process.stderr, USAGE);
  process.exitCode = 2;
}
