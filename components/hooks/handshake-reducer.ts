import type {StageId} from '../../src/protocol/errors.js';
import type {HandshakeEvent} from '../../src/protocol/events.js';
import type {StoredSession} from '../../src/store/session-record.js';
import {tableOf} from '../handshake/protocol-table.js';
import type {ExchangeId} from '../handshake/protocol-steps.js';
import type {Suite} from '../suites.js';
import {adoptServerEvents, bodyField, notDone, withStep} from './handshake-server.js';

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
  /** The suite being run: which step table, round trips and run ids apply. */
  readonly suite: Suite;
  readonly phase: 'running' | 'done' | 'failed';
  /** The server lane is fed by the in-process server's own events. */
  readonly live: boolean;
  readonly steps: Readonly<Record<string, StepView>>;
  /** Client stages, for the stage strip. */
  readonly stages: Readonly<Partial<Record<StageId, {readonly status: 'running' | 'done' | 'failed'; readonly durationMs?: number}>>>;
  readonly exchanges: Readonly<Partial<Record<ExchangeId, ExchangeView>>>;
  /** The values that name this run on the server (v2: client nonce, channel id, session id; classic: the client's key). */
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

export const initialHandshakeState = (live: boolean, suite: Suite = 'v2'): HandshakeViewState =>
  ({suite, phase: 'running', live, steps: {}, stages: {}, exchanges: {}, serverRuns: [], unmatched: []});

/** Pure reducer over both sides' events: the client's stream, and the server's when it runs in-process. */
export function handshakeReducer(state: HandshakeViewState, action: HandshakeAction): HandshakeViewState {
  switch (action.type) {
    case 'client':
      return adoptServerEvents(clientEvent(state, action.event, action.at));
    case 'server':
      if (!state.live) return state;
      return adoptServerEvents({...state, unmatched: [...state.unmatched, action.event].slice(-MAX_UNMATCHED)});
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
      const table = tableOf(state.suite);
      const exchange = table.exchangeOf(event);
      if (!exchange) return state;
      const previous = state.exchanges[exchange.id] ?? {};
      const view: ExchangeView = event.direction === 'request'
        ? {sentBytes: event.bytes, sentAt: at}
        : {...previous, status: event.status, answerBytes: event.bytes, answeredAt: at, errorCode: bodyField(event.body, 'error'), failed: event.status !== exchange.okStatus};
      const name = (event.direction === 'request' ? table.runFields.request : table.runFields.answer)[exchange.id];
      const id = name === undefined ? undefined : bodyField(event.body, name);
      const serverRuns = id && !state.serverRuns.includes(id) ? [...state.serverRuns, id] : state.serverRuns;
      return {...state, serverRuns, exchanges: {...state.exchanges, [exchange.id]: view}};
    }
  }
}

/** Marks the exact step where the client's run stopped. */
function clientFailure(state: HandshakeViewState, stage: StageId | 'session', code: string): HandshakeViewState {
  const {exchanges, steps} = tableOf(state.suite);
  let next: HandshakeViewState = {...state, phase: 'failed', stages: stage === 'session' ? state.stages : {...state.stages, [stage]: {status: 'failed'}}};
  let step: string | undefined;
  const inFlight = exchanges.find((e) => state.exchanges[e.id]?.sentBytes !== undefined && state.exchanges[e.id]?.status === undefined);
  const refused = exchanges.find((e) => state.exchanges[e.id]?.failed);
  if (inFlight) {
    next = {...next, exchanges: {...next.exchanges, [inFlight.id]: {...next.exchanges[inFlight.id], failed: true}}};
  } else if (refused) {
    // The server refused: with its events, the step it stopped at; without them, only the exchange is known.
    step = state.live ? notDone(state, refused.serverSteps) : undefined;
  } else {
    step = notDone(state, steps.filter((s) => s.stage === stage && s.side === 'client').map((s) => s.id));
    const answered = [...exchanges].reverse().find((e) => state.exchanges[e.id]?.status !== undefined);
    if (!step && answered) next = {...next, exchanges: {...next.exchanges, [answered.id]: {...next.exchanges[answered.id], failed: true}}};
  }
  if (step) next = withStep(next, step, {status: 'failed'});
  return {...next, failure: {...state.failure, stage, code, step: step ?? state.failure?.step}};
}
