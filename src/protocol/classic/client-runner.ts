import {clientStages} from '../client-stages.js';
import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import type {JsonTransport} from '../../client/transport.js';
import {asHandshakeError} from '../v2/client-runner.js';
import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';
import type {EventSink, HandshakeEvent} from '../events.js';
import {classicRefusal, isAnonymousEnvelope, plainAnswerMessage} from './answers.js';
import {ClassicPath} from './constants.js';
import {buildA1, finishA0, handleA2, refusalOf, startA0, type ClassicInitiatorConfig, type ClassicOutcome} from './initiator.js';
import {encodeAnonymousRequest, encodeKeyExchangeRequest, parseAnonymousAnswer, parseKeyExchangeAnswer, wireBody} from './messages.js';
import type {PyValue} from './py-repr.js';
import {classicStoreId} from './session-file.js';

/** What the classic runner needs: a transport, an event sink and where to store the result (A3.7). */
export interface ClassicRunnerDeps {
  readonly transport: JsonTransport;
  readonly emit?: EventSink;
  /** A3.7 store: the handshake fails at A3 if it throws. */
  readonly store?: (outcome: ClassicOutcome) => Promise<void>;
  readonly runId?: string;
  /** Milliseconds since the epoch, for the `complete` event's expiry (default Date.now). */
  readonly clock?: () => number;
  /** Server-side lifetime to report as the expiry (the reference's default 600 s, sliding). */
  readonly lifetimeMs?: number;
}

/**
 * Runs the classic handshake (the reference's `rep_create_session`, README §1) over the transport: A0 key
 * exchange (POST /sessions `{"public_key"}`), A1 signed request, A2 the repository's answer (POST /sessions
 * `{"client_ephemeral_public_key", "message", "iv"}`), A3 verify, derive, store — emitting the same event
 * types as the v2 runner (side `client`). Step ids: docs/CLASSIC.md §Steps. Throws a HandshakeError at the
 * failing stage.
 */
export async function runClassicHandshake(deps: ClassicRunnerDeps, base: Omit<ClassicInitiatorConfig, 'record'>): Promise<ClassicOutcome> {
  const stages = clientStages(deps.emit, deps.runId);
  const config: ClassicInitiatorConfig = {...base, record: stages.record};
  const {begin, done} = stages;
  const post = async (body: PyValue, answerStage: StageId) => {
    const path = ClassicPath.Sessions;
    const bytes = wireBody(body);
    stages.message('request', stages.stage, path, bytes.length, body);
    const response = await deps.transport.request('POST', path, bytes);
    stages.message('response', answerStage, path, response.bytesReceived, response.body, response.status);
    return response;
  };

  try {
    begin('A0');
    const a0 = startA0(config);
    const first = await post(encodeKeyExchangeRequest(a0.request), 'A0');
    if (first.status !== 200) throw classicRefusal('A0', first.status, plainAnswerMessage(first.body));
    const channel = finishA0(config, a0.state, parseKeyExchangeAnswer(first.body));
    done();
    begin('A1');
    const a1 = buildA1(config, channel);
    done();
    begin('A2');
    const second = await post(encodeAnonymousRequest(a1.request), 'A2');
    if (!isAnonymousEnvelope(second.body)) throw classicRefusal('A2', second.status, plainAnswerMessage(second.body));
    const answer = parseAnonymousAnswer(second.body);
    const refusal = refusalOf(a1.state, second.status, answer);
    if (refusal) throw refusal;
    done();
    begin('A3');
    const outcome = handleA2(config, a1.state, second.status, answer);
    const store = deps.store;
    if (store) {
      await stages.store(() => store(outcome), 'Client stores the session and writes the session file',
        {session_id: outcome.sessionId}, {nonce: outcome.nonce});
    }
    done();
    const expiresAt = (deps.clock ?? Date.now)() + (deps.lifetimeMs ?? 600_000);
    stages.emit({type: 'complete', side: 'client', runId: stages.runId, sessionId: classicStoreId(outcome.sessionId, outcome.nonce), organization: outcome.organization, username: outcome.username, expiresAt});
    return outcome;
  } catch (error) {
    throw stages.failed(asHandshakeError(error, stages.stage));
  }
}

