import {nodeDerSigner} from '../../crypto/ecdsa-der.js';
import {systemRng} from '../../crypto/random.js';
import {runClassicHandshake} from '../../protocol/classic/client-runner.js';
import {CLASSIC_SESSION_LIFETIME_MS} from '../../protocol/classic/constants.js';
import {encodeSessionFile, storedFromSessionFile, type ClassicSessionFile} from '../../protocol/classic/session-file.js';
import {repPaths} from '../../paths.js';
import {createConfSessionStore} from '../../store/session-store.js';
import type {StoredSession} from '../../store/session-record.js';
import type {ParsedArgs} from '../args.js';
import {withRepository, type CommandDeps} from '../commands/deps.js';
import {sessionSummary} from '../commands/session-summary.js';
import {loadSubjectKey} from '../credentials.js';
import {line, printJson, type CliIo} from '../io.js';
import {resolvePassword} from '../password.js';
import {commandEventSink, sessionCommandInputs, writeSessionFile} from '../session-command.js';

/**
 * `rep-create-session --suite classic`: the reference's `rep_create_session` (sio2425 README §1) — the P-521
 * key is unlocked before any traffic; the session is stored (suite `classic`) and `<session-file>` gets the
 * reference's session file byte for byte (one line, no newline, mode 0600), at the path given.
 */
export async function classicCreateSession(args: ParsedArgs, io: CliIo, deps: CommandDeps): Promise<void> {
  const {organization, username, password, credentialsFile, sessionFile, trace} = sessionCommandInputs(args);
  const subject = loadSubjectKey(credentialsFile, await resolvePassword(io, password, credentialsFile), 'classic');
  const store = createConfSessionStore({dir: repPaths(io.env).storeDir});
  const {onEvent, events} = commandEventSink(io, args.json, trace);
  let stored: StoredSession | undefined;
  let file: ClassicSessionFile | undefined;
  await withRepository(deps, io.env, async (target) => {
    if (trace) target.serverEvents?.on('event', onEvent);
    await runClassicHandshake({
      transport: target.transport,
      emit: onEvent,
      lifetimeMs: CLASSIC_SESSION_LIFETIME_MS,
      store: async (outcome) => {
        file = {
          session_key: outcome.sessionKey.toString('base64'), session_id: outcome.sessionId, username: outcome.username,
          organization: outcome.organization, roles: outcome.roles, nonce: outcome.nonce, counter: 0,
        };
        stored = storedFromSessionFile(file, target, Date.now());
        await store.save(stored);
      },
    }, {repositoryKey: target.pinnedKey, subject: nodeDerSigner(subject), organization, username, rng: systemRng});
  }, {suite: 'classic'});
  const session = stored as StoredSession;
  const written = file as ClassicSessionFile;
  writeSessionFile(sessionFile, encodeSessionFile(written), session);
  if (args.json) return printJson(io, {session: sessionSummary(session), session_id: written.session_id, session_file: sessionFile, ...(trace ? {events} : {})});
  line(io.stdout, `Session created and saved to ${sessionFile}, sessionId=${written.session_id}`);
  line(io.stdout, `  stored as ${session.id}: ${organization}/${username} at ${session.serverUrl} (classic suite; rep-sessions verify ${session.id})`);
}
