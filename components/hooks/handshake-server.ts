import type {HandshakeEvent} from '../../src/protocol/events.js';
import {tableOf} from '../handshake/protocol-table.js';
import type {HandshakeViewState, StepView} from './handshake-reducer.js';

/** A string field of a message body, if there is one. */
export const bodyField = (body: unknown, key: string): string | undefined => {
  const value = (body as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** The first of `ids` not done yet. */
export const notDone = (state: HandshakeViewState, ids: readonly string[]) => ids.find((id) => state.steps[id]?.status !== 'done');

export const withStep = (state: HandshakeViewState, id: string, view: StepView): HandshakeViewState => ({...state, steps: {...state.steps, [id]: view}});

/**
 * Applies the in-process server's events that belong to this run and keeps the others: a server run whose A0
 * request carries a value this run sent (v2 its client nonce, classic its ephemeral key) is adopted, and so is
 * any run named by a value the client has seen (v2 channel and session ids).
 */
export function adoptServerEvents(state: HandshakeViewState): HandshakeViewState {
  const {adopt} = tableOf(state.suite).runFields;
  let runs = state.serverRuns;
  for (const event of state.unmatched) {
    if (event.type === 'message' && event.direction === 'request' && event.stage === 'A0' && !runs.includes(event.runId)) {
      const value = bodyField(event.body, adopt);
      if (value && runs.includes(value)) runs = [...runs, event.runId];
    }
  }
  const mine = state.unmatched.filter((event) => runs.includes(event.runId));
  let next: HandshakeViewState = {...state, serverRuns: runs, unmatched: state.unmatched.filter((event) => !runs.includes(event.runId))};
  for (const event of mine) next = serverEvent(next, event);
  return next;
}

/** A server step done, or the server's failure at the first of its stage's steps not done. */
function serverEvent(state: HandshakeViewState, event: HandshakeEvent): HandshakeViewState {
  if (event.type === 'step') return withStep(state, event.step, {status: 'done', durationMs: event.durationMs});
  if (event.type !== 'stage-failed' || event.stage === 'session') return state;
  const step = notDone(state, tableOf(state.suite).steps.filter((s) => s.stage === event.stage && s.side === 'server').map((s) => s.id));
  return step ? {...withStep(state, step, {status: 'failed'}), failure: {...state.failure, step}} : state;
}
