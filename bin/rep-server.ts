#!/usr/bin/env -S node --max-semi-space-size=4
// The bundled repository server, standalone: `rep-server [--host H] [--port N]`, or a local admin command.
import {existsSync} from 'node:fs';
import {repPaths, type RepPaths} from '../src/paths.js';
import {changeSubjectStatus, type SubjectCommand} from '../server/admin.js';
import {parseServerArgs, USAGE, UsageError} from '../server/cli-args.js';
import {createServerContext} from '../server/context-factory.js';
import {openRepositoryDb} from '../server/db/repository-db.js';
import {ServerError, SetupError} from '../server/errors.js';
import {startRepositoryServer, type RunningRepositoryServer} from '../server/listen.js';
import {DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERNAME, demoCredentialFiles} from '../server/seed.js';

function runSubjectCommand(paths: RepPaths, action: SubjectCommand, organization: string, username: string): number {
  if (!existsSync(paths.database)) {
    console.error(`There is no subject "${username}" in organization "${organization}": no repository database at ${paths.database}.`);
    return 1;
  }
  const db = openRepositoryDb(paths.database);
  try {
    const status = changeSubjectStatus(db, action, organization, username);
    console.log(`Subject "${username}" in organization "${organization}" is now ${status}.`);
    return 0;
  } catch (error) {
    if (error instanceof ServerError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

function shutDown(server: RunningRepositoryServer): void {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

type ServeCommand = Extract<ReturnType<typeof parseServerArgs>, {kind: 'serve'}>;

async function serve(paths: RepPaths, command: ServeCommand): Promise<void> {
  const {host, port, log} = command;
  // Signal handlers go in first: until then a signal would kill the process without closing the database.
  let server: RunningRepositoryServer | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, shutting down.`);
    if (server !== undefined) shutDown(server);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const context = createServerContext({paths, suites: command.suites, classicKey: command.classicKey, classicRetrying: command.classicRetrying});
    server = await startRepositoryServer({paths, host, port, context, logger: log});
    if (stopping) return shutDown(server);
    console.log(`Repository listening on ${server.url}`);
    if (context.suites.includes('v2')) console.log(`Repository key fingerprint: ${server.fingerprint}`);
    if (context.classic) {
      const source = command.classicKey ? command.classicKey.file : paths.classicRepositoryPublicKey;
      console.log(`Classic suite (reference paths /sessions, /organizations) key fingerprint: ${context.classic.repository.fingerprint} (${source})`);
      if (context.classic.retrying) console.log('WARNING: --retrying: the classic suite keeps channels after failed decryptions (a padding oracle, for demonstrations only).');
    }
    if (context.seeded) {
      const files = demoCredentialFiles(paths);
      console.log(`Seeded demo organization "${DEMO_ORGANIZATION}" with subject "${DEMO_USERNAME}":`);
      console.log(`  private key: ${files.privateKey} (password: ${DEMO_PASSWORD})`);
      console.log(`  public key:  ${files.publicKey}`);
    }
  } catch (error) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    throw error;
  }
}

function describeStartupError(error: unknown, host: string, port: number): string {
  if (error instanceof SetupError || error instanceof UsageError) return error.message;
  const code = (error as {code?: unknown}).code;
  if (code === 'EADDRINUSE') return `Port ${port} on ${host} is already in use.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `Cannot listen on ${host}: no such local address.`;
  if (code === 'EACCES') return `Not allowed to listen on ${host}:${port}.`;
  return `rep-server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  let command;
  try {
    command = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return;
  }
  const paths = repPaths();
  if (command.kind === 'subject') {
    try {
      process.exitCode = runSubjectCommand(paths, command.action, command.organization, command.username);
    } catch (error) {
      console.error(error instanceof SetupError ? error.message : `rep-server: ${String(error)}`);
      process.exitCode = 1;
    }
    return;
  }
  try {
    await serve(paths, command);
  } catch (error) {
    console.error(describeStartupError(error, command.host, command.port));
    process.exitCode = 1;
  }
}

await main();
