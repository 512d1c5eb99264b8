import type {StageId} from '../../src/protocol/errors.js';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import type {StoredSession} from '../../src/store/session-record.js';
import {EXCHANGES, STEPS, exchangeForPath, type ExchangeId} from '../handshake/protocol-steps.js';

/** A finished sub-step (pending ones are absent). */
export interface StepView {
  readonly status: 'done' | 'failed';
  readonly durationMs?: number;
}

/** One HTTP round trip as the client saw it (and whether it failed). */
export interface ExchangeView {
  readonly sentBytes?: number;
  readonly sentAt?: number;
  readonly status?: number;
  readonly answerBytes?: number;
  readonly answeredAt?: number;
  /** The `error` code of a refusal. */
  readonly errorCode?: string;
  /** No answer, a refusal, or an answer that could not be used. */
  readonly failed?: boolean;
}

/** Where and why the run stopped. */
export interface Failure {
  readonly stage?: StageId | 'session';
  /** The exact sub-step, when known (a refusal by an external server hides which). */
  readonly step?: string;
  readonly code?: string;
  /** One sentence: what went wrong and what to do. */
  readonly sentence?: string;
}

export interface HandshakeViewState {
  readonly phase: 'running' | 'done' | 'failed';
  /** The server lane is fed by the in-process server's own events. */
  readonly live: boolean;
  readonly steps: Readonly<Record<string, StepView>>;
  /** Client stages, for the stage strip. */
  readonly stages: Readonly<Partial<Record<StageId, {readonly status: 'running' | 'done' | 'failed'; readonly durationMs?: number}>>>;
  readonly exchanges: Readonly<Partial<Record<ExchangeId, ExchangeView>>>;
  /** The ids the server gives this run (client nonce, channel id, session id). */
  readonly serverRuns: readonly string[];
  /** Server events not yet known to belong to this run (bounded). */
  readonly unmatched: readonly HandshakeEvent[];
  readonly failure?: Failure;
  readonly session?: StoredSession;
}

export type HandshakeAction =
  | {readonly type: 'client'; readonly event: HandshakeEvent; readonly at: number}
  | {readonly type: 'server'; readonly event: HandshakeEvent}
  | {readonly type: 'failed'; readonly sentence: string}
  | {readonly type: 'stored'; readonly session: StoredSession};

const MAX_UNMATCHED = 100;

export const initialHandshakeState = (live: boolean): HandshakeViewState =>
  ({phase: 'running', live, steps: {}, stages: {}, exchanges: {}, serverRuns: [], unmatched: []});

const field = (body: unknown, key: string): string | undefined => {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
};
const notDone = (state: HandshakeViewState, ids: readonly string[]) => ids.find((id) => state.steps[id]?.status !== 'done');
const withStep = (state: HandshakeViewState, id: string, view: StepView) => ({...state, steps: {...state.steps, [id]: view}});

/** Pure reducer over both sides' events: the client's stream, and the server's when it runs in-process. */
export function handshakeReducer(state: HandshakeViewState, action: HandshakeAction): HandshakeViewState {
  switch (action.type) {
    case 'client':
      return adopt(clientEvent(state, action.event, action.at));
    case 'server':
      if (!state.live) return state;
      return adopt({...state, unmatched: [...state.unmatched, action.event].slice(-MAX_UNMATCHED)});
    case 'failed':
      return {...state, phase: 'failed', failure: {...state.failure, sentence: action.sentence}};
    case 'stored':
      return {...state, session: action.session};
  }
}

function clientEvent(state: HandshakeViewState, event: HandshakeEvent, at: number): HandshakeViewState {
  switch (event.type) {
    case 'stage-start':
      return {...state, stages: {...state.stages, [event.stage]: {status: 'running'}}};
    case 'stage-done':
      return {...state, stages: {...state.stages, [event.stage]: {status: 'done', durationMs: event.durationMs}}};
    case 'step':
      return withStep(state, event.step, {status: 'done', durationMs: event.durationMs});
    case 'complete':
      return {...state, phase: 'done'};
    case 'stage-failed':
      return clientFailure(state, event.stage, event.code);
    case 'message': {
      const exchange = exchangeForPath(event.path);
      if (!exchange) return state;
      const previous = state.exchanges[exchange.id] ?? {};
      const view: ExchangeView = event.direction === 'request'
        ? {sentBytes: event.bytes, sentAt: at}
        : {...previous, status: event.status, answerBytes: event.bytes, answeredAt: at, errorCode: field(event.body, 'error'), failed: event.status !== 200};
      // The server names its run by the client nonce (A0 refusals), the channel id, or the session id (A3 refusals).
      const id = event.direction === 'request'
        ? field(event.body, exchange.id === 'a0' ? 'client_nonce' : exchange.id === 'a1' ? 'channel_id' : 'session_id')
        : exchange.id === 'a0' ? field(event.body, 'channel_id') : undefined;
      const serverRuns = id && !state.serverRuns.includes(id) ? [...state.serverRuns, id] : state.serverRuns;
      return {...state, serverRuns, exchanges: {...state.exchanges, [exchange.id]: view}};
    }
  }
}

/** Marks the exact step where the client's run stopped. */
function clientFailure(state: HandshakeViewState, stage: StageId | 'session', code: string): HandshakeViewState {
  let next: HandshakeViewState = {...state, phase: 'failed', stages: stage === 'session' ? state.stages : {...state.stages, [stage]: {status: 'failed'}}};
  let step: string | undefined;
  const inFlight = EXCHANGES.find((e) => state.exchanges[e.id]?.sentBytes !== undefined && state.exchanges[e.id]?.status === undefined);
  const refused = EXCHANGES.find((e) => state.exchanges[e.id]?.failed);
  if (inFlight) {
    next = {...next, exchanges: {...next.exchanges, [inFlight.id]: {...next.exchanges[inFlight.id], failed: true}}};
  } else if (refused) {
    // The server refused: with its events, the step it stopped at; without them, only the exchange is known.
    step = state.live ? notDone(state, refused.serverSteps) : undefined;
  } else {
    step = notDone(state, STEPS.filter((s) => s.stage === stage && s.side === 'client').map((s) => s.id));
    const answered = [...EXCHANGES].reverse().find((e) => state.exchanges[e.id]?.status !== undefined);
    if (!step && answered) next = {...next, exchanges: {...next.exchanges, [answered.id]: {...next.exchanges[answered.id], failed: true}}};
  }
  if (step) next = withStep(next, step, {status: 'failed'});
  return {...next, failure: {...state.failure, stage, code, step: step ?? state.failure?.step}};
}

/** Applies the server events that belong to this run (adopting the channel id of our A0), keeps the others. */
function adopt(state: HandshakeViewState): HandshakeViewState {
  let runs = state.serverRuns;
  for (const event of state.unmatched) {
    if (event.type === 'message' && event.direction === 'request' && event.stage === 'A0' && !runs.includes(event.runId)) {
      const nonce = field(event.body, 'client_nonce');
      if (nonce && runs.includes(nonce)) runs = [...runs, event.runId];
    }
  }
  const mine = state.unmatched.filter((event) => runs.includes(event.runId));
  let next: HandshakeViewState = {...state, serverRuns: runs, unmatched: state.unmatched.filter((event) => !runs.includes(event.runId))};
  for (const event of mine) next = serverEvent(next, event);
  return next;
}

function serverEvent(state: HandshakeViewState, event: HandshakeEvent): HandshakeViewState {
  if (event.type === 'step') return withStep(state, event.step, {status: 'done', durationMs: event.durationMs});
  if (event.type !== 'stage-failed' || event.stage === 'session') return state;
  const step = notDone(state, STEPS.filter((s) => s.stage === event.stage && s.side === 'server').map((s) => s.id));
  return step ? {...withStep(state, step, {status: 'failed'}), failure: {...state.failure, step}} : state;
}
