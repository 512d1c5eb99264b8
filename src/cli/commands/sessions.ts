import {whoami} from '../../client/v2-session.js';
import {repPaths} from '../../paths.js';
import {createConfSessionStore, type SessionStore} from '../../store/session-store.js';
import type {StoredSession} from '../../store/session-record.js';
import {parseCommandArgs} from '../args.js';
import {CliError, ExitCode, usageError} from '../errors.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';
import {withRepository, type CommandDeps} from './deps.js';
import {sessionSummary} from './session-summary.js';
import {importClassicSession, verifyClassicSession} from '../classic/sessions.js';

export const SESSIONS_USAGE = `usage: rep-sessions [list | show <id> [--reveal] | verify <id> [--session-file <file>] | import <file> | delete <id>] [--json]
  list     the stored sessions (default)
  show     one session (id or unique id prefix); --reveal adds its key material
  verify   an authenticated whoami over the session, against the repository it belongs to (classic
           sessions: the reference's session-roles request; --session-file keeps that reference file's
           counter in step)
  import   a session file of the SIO 2024/25 reference (classic suite) into the store, for the repository
           named by REP_ADDRESS/REP_PUB_KEY (or the bundled one)
  delete   removes the session from the store`;

async function requireSession(store: SessionStore, id: string): Promise<StoredSession> {
  const session = await store.get(id);
  if (!session) throw new CliError(ExitCode.LocalInput, 'not_found', `no stored session matches '${id}': see rep-sessions list.`);
  return session;
}

/** `rep-sessions [list|show <id>|verify <id>|delete <id>]` over the conf session store. */
export async function sessionsCommand(argv: readonly string[], io: CliIo, deps: CommandDeps): Promise<ExitCode> {
  return runCommand(io, argv.includes('--json'), SESSIONS_USAGE, async () => {
    const args = parseCommandArgs(argv, [0, 1, 2], {reveal: {type: 'boolean'}, 'session-file': {type: 'string'}});
    if (args.help) return line(io.stdout, SESSIONS_USAGE);
    const [action = 'list', id] = args.positionals;
    const store = createConfSessionStore({dir: repPaths(io.env).storeDir});
    if (action === 'list') {
      if (id !== undefined) throw usageError('list takes no argument');
      const sessions = (await store.list()).map((s) => sessionSummary(s));
      if (args.json) return printJson(io, {sessions});
      if (sessions.length === 0) return line(io.stdout, 'No stored sessions: create one with rep-create-session.');
      for (const s of sessions) {
        line(io.stdout, `${s.id}  ${s.organization}/${s.username}  ${s.suite}  ${s.server_url}  created ${s.created_at}  ${s.expired ? 'EXPIRED' : `expires ${s.expires_at}`}`);
      }
      return;
    }
    if (id === undefined) throw usageError(`${action} needs a session id`);
    if (action === 'show') {
      const session = await requireSession(store, id);
      const shown = {...sessionSummary(session), ...(args.flags.reveal ? {keys: session.keys} : {})};
      if (args.json) return printJson(io, shown);
      for (const [key, value] of Object.entries(shown)) line(io.stdout, `${key.padEnd(28)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
      return;
    }
    if (action === 'delete') {
      const session = await requireSession(store, id);
      await store.delete(session.id);
      if (args.json) return printJson(io, {deleted: session.id});
      return line(io.stdout, `Deleted session ${session.id} (${session.organization}/${session.username}).`);
    }
    if (action === 'import') return importClassicSession(id, store, args, io, deps);
    if (action === 'verify') {
      const session = await requireSession(store, id);
      if (session.suite === 'classic') return verifyClassicSession(session, store, args, io, deps);
      const answer = await withRepository(deps, io.env, async (target) => {
        if (target.fingerprint !== session.repositoryKeyFingerprint) {
          throw new CliError(ExitCode.Security, 'repository_key_mismatch',
            `session ${session.id} belongs to the repository with key ${session.repositoryKeyFingerprint.slice(0, 16)}…, but this one has ${target.fingerprint.slice(0, 16)}…: point REP_ADDRESS and REP_PUB_KEY at ${session.serverUrl}.`);
        }
        return whoami(target.transport, store, session.id);
      });
      if (args.json) return printJson(io, {verified: true, whoami: answer});
      return line(io.stdout, `Session ${session.id} is valid: ${answer.organization}/${answer.username}, expires ${new Date(answer.expires_at).toISOString()}.`);
    }
    throw usageError(`unknown action '${action}'`);
  });
}
