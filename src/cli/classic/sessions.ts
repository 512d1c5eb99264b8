import {readFileSync, writeFileSync} from 'node:fs';
import {classicSessionRoles} from '../../client/classic-session.js';
import {ClassicSessionFileError, encodeSessionFile, parseSessionFile, sessionFileFromStored, storedFromSessionFile, type ClassicSessionFile} from '../../protocol/classic/session-file.js';
import type {SessionStore} from '../../store/session-store.js';
import type {StoredSession} from '../../store/session-record.js';
import type {ParsedArgs} from '../args.js';
import {withRepository, type CommandDeps} from '../commands/deps.js';
import {CliError, ExitCode} from '../errors.js';
import {line, printJson, type CliIo} from '../io.js';

function readSessionFile(path: string): ClassicSessionFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(ExitCode.LocalInput, 'session_file_unreadable', `cannot read the session file ${path}: check the path.`);
  }
  try {
    return parseSessionFile(text);
  } catch (error) {
    if (error instanceof ClassicSessionFileError) throw new CliError(ExitCode.LocalInput, error.code, `${path}: ${error.message}.`);
    throw error;
  }
}

/**
 * `rep-sessions import <file>`: a reference session file (README §1) into our store, for the repository named
 * by REP_ADDRESS/REP_PUB_KEY (or the bundled one); its counter becomes the next request's counter − 1.
 */
export async function importClassicSession(path: string, store: SessionStore, args: ParsedArgs, io: CliIo, deps: CommandDeps): Promise<void> {
  const file = readSessionFile(path);
  const session = await withRepository(deps, io.env, async (target) => storedFromSessionFile(file, target, Date.now()), {suite: 'classic'});
  await store.save(session);
  if (args.json) return printJson(io, {imported: session.id, organization: session.organization, username: session.username, counter: file.counter, server_url: session.serverUrl});
  line(io.stdout, `Imported session ${session.id} (${session.organization}/${session.username}, session_id ${file.session_id}, counter ${file.counter}) for ${session.serverUrl}.`);
}

/**
 * `rep-sessions verify <id>` for a classic session: the reference's session-roles request (authenticated,
 * counter + 1) against the repository it belongs to (key fingerprint checked first). With `--session-file`,
 * that reference session file gets the new counter and roles, so the reference's client can go on using it.
 */
export async function verifyClassicSession(session: StoredSession, store: SessionStore, args: ParsedArgs, io: CliIo, deps: CommandDeps): Promise<void> {
  const filePath = typeof args.flags['session-file'] === 'string' ? args.flags['session-file'] : undefined;
  const file = filePath === undefined ? undefined : readSessionFile(filePath);
  if (file && storedFromSessionFile(file, {url: session.serverUrl, fingerprint: session.repositoryKeyFingerprint}, 0).id !== session.id) {
    throw new CliError(ExitCode.LocalInput, 'session_file_mismatch', `${filePath} holds another session than ${session.id}.`);
  }
  const answer = await withRepository(deps, io.env, async (target) => {
    if (target.fingerprint !== session.repositoryKeyFingerprint) {
      throw new CliError(ExitCode.Security, 'repository_key_mismatch',
        `session ${session.id} belongs to the classic repository with key ${session.repositoryKeyFingerprint.slice(0, 16)}…, but this one has ${target.fingerprint.slice(0, 16)}…: point REP_ADDRESS and REP_PUB_KEY at ${session.serverUrl}.`);
    }
    return classicSessionRoles(target.transport, store, session.id);
  }, {suite: 'classic'});
  if (file && filePath) writeFileSync(filePath, encodeSessionFile(sessionFileFromStored(answer.session, answer.roles)), {mode: 0o600});
  if (args.json) return printJson(io, {verified: true, session_id: session.id, roles: answer.roles, counter: answer.counter, ...(filePath ? {session_file: filePath} : {})});
  line(io.stdout, `Session ${session.id} is valid: ${session.organization}/${session.username} (classic), roles: ${answer.roles.length === 0 ? 'none' : answer.roles.join(', ')}, counter ${answer.counter}.`);
}
