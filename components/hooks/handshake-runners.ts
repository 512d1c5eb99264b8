import type {RepositoryTarget} from '../../src/cli/repository.js';
import {loadSubjectKey} from '../../src/cli/credentials.js';
import {toStoredSession} from '../../src/client/v2-session.js';
import {nodeSigner} from '../../src/crypto/ecdsa.js';
import {nodeDerSigner} from '../../src/crypto/ecdsa-der.js';
import {systemRng} from '../../src/crypto/random.js';
import type {EventSink} from '../../src/protocol/events.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {CLASSIC_SESSION_LIFETIME_MS} from '../../src/protocol/classic/constants.js';
import {storedFromSessionFile} from '../../src/protocol/classic/session-file.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import type {StoredSession} from '../../src/store/session-record.js';
import type {SessionRequest} from './app-reducer.js';

/** Where a run's events go, and how its session is kept (A3.7: a throw fails the run at A3 and nothing is kept). */
export interface RunHooks {
  readonly emit: EventSink;
  readonly save: (session: StoredSession) => Promise<void>;
}

/**
 * Runs one handshake of the request's suite against `target` (that suite's repository target), as
 * `rep-create-session [--suite classic]` does: the subject key is unlocked first (P-256 for v2, P-521 for
 * classic), before any network traffic; v2 runs runV2Handshake, classic runs the reference's handshake
 * (runClassicHandshake) and stores the session as `rep-create-session --suite classic` does (suite `classic`,
 * id `c<session_id>-<nonce prefix>`, counter 0).
 */
export async function runSessionHandshake(target: RepositoryTarget, request: SessionRequest, hooks: RunHooks): Promise<void> {
  const subject = loadSubjectKey(request.credentialsFile, request.password, request.suite);
  const {organization, username} = request;
  if (request.suite === 'classic') {
    await runClassicHandshake({
      transport: target.transport, emit: hooks.emit, lifetimeMs: CLASSIC_SESSION_LIFETIME_MS,
      store: async (outcome) => hooks.save(storedFromSessionFile({
        session_key: outcome.sessionKey.toString('base64'), session_id: outcome.sessionId, username: outcome.username,
        organization: outcome.organization, roles: outcome.roles, nonce: outcome.nonce, counter: 0,
      }, target, Date.now())),
    }, {repositoryKey: target.pinnedKey, subject: nodeDerSigner(subject), organization, username, rng: systemRng});
    return;
  }
  await runV2Handshake({
    transport: target.transport, emit: hooks.emit,
    store: async (outcome) => hooks.save(toStoredSession(outcome, target.url, target.fingerprint, Date.now())),
  }, {
    repositoryKey: target.pinnedKey, audience: target.audience, subject: nodeSigner(subject),
    organization, username, rng: systemRng, clock: Date.now,
  });
}
