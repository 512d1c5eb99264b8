import {nodeSigner} from '../../crypto/ecdsa.js';
import {systemRng} from '../../crypto/random.js';
import {runV2Handshake} from '../../protocol/v2/client-runner.js';
import {toStoredSession} from '../../client/v2-session.js';
import {repPaths} from '../../paths.js';
import {createConfSessionStore} from '../../store/session-store.js';
import type {StoredSession} from '../../store/session-record.js';
import {parseCommandArgs} from '../args.js';
import {loadSubjectKey} from '../credentials.js';
import type {ExitCode} from '../errors.js';
import {line, printJson, runCommand, type CliIo} from '../io.js';
import {resolvePassword} from '../password.js';
import {commandEventSink, sessionCommandInputs, writeSessionFile} from '../session-command.js';
import {withRepository, type CommandDeps} from './deps.js';
import {sessionSummary} from './session-summary.js';
import {classicCreateSession} from '../classic/create-session.js';

export const CREATE_SESSION_USAGE = `usage: rep-create-session <organization> <username> [<password>] <credentials-file> <session-file> [--suite v2|classic] [--trace] [--json]
  Runs the handshake (A0–A3) with the repository, stores the session in the session store and writes
  <session-file> (mode 0600). Without <password>: REP_KEY_PASSWORD, or a prompt on a terminal.
  --suite classic speaks the SIO 2024/25 reference's wire format (P-521 credentials) and writes the
  reference's session file. --trace prints every step of both sides (the server's when it runs in this process).`;

/** `rep-create-session`: the v2 handshake end to end, stored through conf and written to a session file. */
export async function createSessionCommand(argv: readonly string[], io: CliIo, deps: CommandDeps): Promise<ExitCode> {
  return runCommand(io, argv.includes('--json'), CREATE_SESSION_USAGE, async () => {
    const args = parseCommandArgs(argv, [4, 5], {trace: {type: 'boolean'}});
    if (args.help) return line(io.stdout, CREATE_SESSION_USAGE);
    if (args.suite === 'classic') return classicCreateSession(args, io, deps);
    const {organization, username, password, credentialsFile, sessionFile, trace} = sessionCommandInputs(args);
    // Like the reference, the key is unlocked before any network traffic.
    const subject = loadSubjectKey(credentialsFile, await resolvePassword(io, password, credentialsFile));
    const store = createConfSessionStore({dir: repPaths(io.env).storeDir});
    const {onEvent, events} = commandEventSink(io, args.json, trace);
    let stored: StoredSession | undefined;
    await withRepository(deps, io.env, async (target) => {
      if (trace) target.serverEvents?.on('event', onEvent);
      await runV2Handshake({
        transport: target.transport,
        emit: onEvent,
        store: async (outcome) => {
          stored = toStoredSession(outcome, target.url, target.fingerprint, Date.now());
          await store.save(stored);
        },
      }, {repositoryKey: target.pinnedKey, audience: target.audience, subject: nodeSigner(subject), organization, username, rng: systemRng, clock: Date.now});
    });
    const session = stored as StoredSession;
    writeSessionFile(sessionFile, `${JSON.stringify(session, null, 2)}\n`, session);
    if (args.json) return printJson(io, {session: sessionSummary(session), session_file: sessionFile, ...(trace ? {events} : {})});
    line(io.stdout, `Session created and saved to ${sessionFile}, sessionId=${session.id}`);
    line(io.stdout, `  ${organization}/${username} at ${session.serverUrl}, expires ${session.expiresAt}`);
  });
}
