#!/usr/bin/env node
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Command} from './command-main.js';
import type {TuiOptions} from './rep-tui.js';

// Start-up matters on a terminal: nothing below is imported until a branch needs it, so opening the app
// loads only the esbuild bundle (the commands pull in got, conf and the server's modules).

const USAGE = `usage: rep [command] [arguments]
  (no command)            on a terminal: the interactive app; otherwise the demo: a session for the seeded
                          demo subject on the bundled repository, every step printed as plain lines
  --seed <text>           on a terminal: the interactive app with a seeded (reproducible) walkthrough
  walkthrough ...         the handshake step by step, in memory: [--seed <text>] [--export <file>] [--json]
  create-session ...      same as rep-create-session
  subject-credentials ... same as rep-subject-credentials
  create-org ...          same as rep-create-org
  list-orgs               same as rep-list-orgs
  sessions ...            same as rep-sessions
  attack ...              the attack lab T1–T14, for real: [--suite v2|classic|both] [--only T3,T5] [--json]
  help                    this text
Each command takes --help. Environment: REP_HOME, REP_ADDRESS, REP_PUB_KEY, REP_KEY_PASSWORD (see README).`;

/** The interactive app, from the esbuild bundle when it exists (fast start-up), else the compiled modules. */
async function startApp(options: TuiOptions = {}): Promise<number> {
  process.env.NODE_ENV ??= 'production';
  const bundle = new URL('./rep-tui.bundle.js', import.meta.url);
  const module: {runTui: (options: TuiOptions) => Promise<number>} = await import(existsSync(fileURLToPath(bundle)) ? bundle.href : './rep-tui.js');
  return module.runTui(options);
}

const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;

const COMMANDS: Record<string, () => Promise<Command>> = {
  'create-session': async () => (await import('../src/cli/commands/create-session.js')).createSessionCommand,
  'subject-credentials': async () => (await import('../src/cli/commands/subject-credentials.js')).subjectCredentialsCommand,
  'create-org': async () => (await import('../src/cli/commands/create-org.js')).createOrgCommand,
  'list-orgs': async () => (await import('../src/cli/commands/list-orgs.js')).listOrgsCommand,
  sessions: async () => (await import('../src/cli/commands/sessions.js')).sessionsCommand,
  attack: async () => (await import('../src/cli/commands/attack.js')).attackCommand,
  walkthrough: async () => (await import('../src/cli/commands/walkthrough.js'))
    .walkthroughCommand(interactive ? (seed) => startApp({seed, initialScreen: {name: 'walkthrough'}}) : undefined),
};

/** The demo: the bundled repository seeds acme/alice on first start; create a session for her with --trace. */
const demo: Command = async (argv, io, deps) => {
  const [{repPaths}, {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles}, {createSessionCommand}] = await Promise.all([
    import('../src/paths.js'), import('../server/seed.js'), import('../src/cli/commands/create-session.js'),
  ]);
  const paths = repPaths(io.env);
  const credentials = demoCredentialFiles(paths).privateKey;
  const sessionFile = join(paths.home, 'demo-session.json');
  // Starting the bundled server once seeds the demo (credentials included) when REP_HOME is new.
  if (!io.env.REP_ADDRESS) await (await deps.openRepository(io.env)).close();
  return createSessionCommand([DEMO_ORGANIZATION, DEMO_USERNAME, DEMO_PASSWORD, credentials, sessionFile, '--trace', ...argv], io, deps);
};

/** `rep --seed <text>` / `rep --seed=<text>`: the seed, or undefined when the arguments are something else. */
function seedOnly(argv: readonly string[]): string | undefined {
  if (argv.length === 2 && argv[0] === '--seed') return argv[1];
  if (argv.length === 1 && argv[0].startsWith('--seed=')) return argv[0].slice('--seed='.length);
  return undefined;
}

/** Runs a command with the real process wiring (loaded on demand). */
async function run(command: Command | Promise<Command>, argv: readonly string[]): Promise<void> {
  const {main} = await import('./command-main.js');
  await main(await command, argv);
}

const line = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);

const [name, ...rest] = process.argv.slice(2);
const seed = seedOnly(process.argv.slice(2));
if (name === 'help' || name === '--help' || name === '-h') {
  line(process.stdout, USAGE);
} else if (name === undefined && interactive) {
  process.exitCode = await startApp();
} else if (seed !== undefined || name === '--seed' || name?.startsWith('--seed=')) {
  if (seed === undefined || !interactive) {
    line(process.stderr, seed === undefined
      ? 'error: usage: rep --seed <text> (nothing else); for the trace: rep walkthrough --seed <text> --json'
      : 'error: rep --seed opens the interactive app and needs a terminal; without one: rep walkthrough --seed <text> --json');
    process.exitCode = 2;
  } else {
    process.exitCode = await startApp({seed});
  }
} else if (name === undefined || name.startsWith('--')) {
  await run(demo, process.argv.slice(2));
} else if (COMMANDS[name]) {
  await run(COMMANDS[name](), rest);
} else {
  line(process.stderr, `error: unknown command '${name}'`);
  line(process.stderr, USAGE);
  process.exitCode = 2;
}
