import {clientStages} from '../client-stages.js';
import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import type {JsonResponse, JsonTransport} from '../../client/transport.js';
import {TransportError} from '../../client/transport.js';
import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';
import type {EventSink, HandshakeEvent} from '../events.js';
import {V2Path} from './constants.js';
import {buildA1, finishA0, finishA3, handleA2, startA0, type InitiatorConfig} from './initiator.js';
import {encodeA0Request, encodeA1Request, encodeA3Request, parseA0Answer, parseA2Answer, parseA3Answer} from './messages.js';
import {errorFromAnswer} from './answer-errors.js';
import type {SessionKeys} from './key-schedule.js';

/** A v2 session the client established and the server confirmed (A3.6). */
export interface HandshakeOutcome {
  readonly sessionId: Buffer;
  readonly organization: string;
  readonly username: string;
  readonly expiresAt: number;
  readonly keys: SessionKeys;
  /** Final transcript hash H_a3, hex (both sides hold the same). */
  readonly transcriptHash: string;
}

/** What the runner needs: a transport to the repository, an event sink and where to store the result. */
export interface RunnerDeps {
  readonly transport: JsonTransport;
  readonly emit?: EventSink;
  /** A3.7 store: persists the session; the handshake fails at A3 if it throws. Nothing is stored before. */
  readonly store?: (outcome: HandshakeOutcome) => Promise<void>;
  readonly runId?: string;
}

/**
 * Runs the v2 handshake A0 → A3 over the transport, emitting `stage-start`, `step`, `message`,
 * `stage-done` / `stage-failed` and `complete` events (side `client`). Throws a {@link HandshakeError} whose
 * `stage` is where it failed; transport failures become `unreachable` at that stage.
 */
export async function runV2Handshake(deps: RunnerDeps, base: Omit<InitiatorConfig, 'record'>): Promise<HandshakeOutcome> {
  const stages = clientStages(deps.emit, deps.runId);
  const config: InitiatorConfig = {...base, record: stages.record};
  const {begin, done} = stages;
  const post = async (path: string, body: unknown, answerStage: StageId): Promise<unknown> => {
    stages.message('request', stages.stage, path, JSON.stringify(body).length, body);
    const response: JsonResponse = await deps.transport.request('POST', path, body);
    stages.message('response', answerStage, path, response.bytesReceived, response.body, response.status);
    if (response.status !== 200) throw errorFromAnswer(answerStage, response);
    return response.body;
  };

  try {
    begin('A0');
    const a0 = startA0(config);
    const channel = finishA0(config, a0.state, parseA0Answer(await post(V2Path.A0, encodeA0Request(a0.request), 'A0')));
    done();
    begin('A1');
    const a1 = buildA1(config, channel);
    const a1Body = encodeA1Request(a1.request);
    done();
    begin('A2');
    const a2Answer = parseA2Answer(await post(V2Path.A1, a1Body, 'A2'));
    done();
    begin('A3');
    const a3 = handleA2(config, a1.state, a2Answer);
    finishA3(config, a3.state, parseA3Answer(await post(V2Path.A3, encodeA3Request(a3.request), 'A3')));
    const outcome: HandshakeOutcome = {
      sessionId: a3.state.sessionId, organization: base.organization, username: base.username, expiresAt: a3.state.expiresAt,
      keys: a3.state.keys, transcriptHash: a3.state.afterA3.hash.toString('hex'),
    };
    const store = deps.store;
    if (store) {
      await stages.store(() => store(outcome), 'Client stores the session',
        {session_id: outcome.sessionId.toString('base64url')}, {expires_at: outcome.expiresAt});
    }
    done();
    stages.emit({type: 'complete', side: 'client', runId: stages.runId, sessionId: a3.state.sessionId.toString('base64url'), organization: outcome.organization, username: outcome.username, expiresAt: outcome.expiresAt});
    return outcome;
  } catch (error) {
    throw stages.failed(asHandshakeError(error, stages.stage));
  }
}

/** Maps anything thrown during a run to a HandshakeError at the current stage. */
export function asHandshakeError(error: unknown, stage: StageId): HandshakeError {
  if (error instanceof HandshakeError) return error;
  if (error instanceof TransportError) {
    const code = error.code === 'bad_response' ? HandshakeErrorCode.UnexpectedAnswer : HandshakeErrorCode.Unreachable;
    return new HandshakeError(stage, code, error.message);
  }
  return new HandshakeError(stage, HandshakeErrorCode.UnexpectedAnswer, `unexpected failure: ${(error as Error)?.message ?? String(error)}`);
}
