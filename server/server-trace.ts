import type {HandshakeErrorCode, StageId} from '../src/protocol/errors.js';
import type {HandshakeEvent} from '../src/protocol/events.js';
import type {ServerContext} from './context.js';
import {noSteps, type StepRecord, type StepRecorder} from '../src/protocol/steps.js';

/** Collects one request's server-side steps, then emits them as the server's events for that run. */
export interface ServerTrace {
  readonly record: StepRecorder;
  /** Emits stage-start, the steps, the request/response messages and stage-done (or stage-failed). */
  finish(runId: string, outcome: {status: number; request: unknown; response: unknown; path: string; method?: string; error?: {code: string; message: string}}): void;
}

/** What a stage gets when nobody listens: nothing recorded, nothing emitted, nothing allocated. */
export const UNTRACED: ServerTrace = {record: noSteps, finish: () => {}};

/**
 * Starts tracing one stage on the server; when nobody listens to `context.events`, recording is off and the
 * hot path pays nothing (the step functions skip their trace fields).
 */
export function startServerTrace(context: ServerContext, stage: StageId): ServerTrace {
  if (context.events.listenerCount('event') === 0) return UNTRACED;
  const steps: StepRecord[] = [];
  const started = performance.now();
  return {
    record: (step) => steps.push(step),
    finish(runId, outcome) {
      const emit = (event: HandshakeEvent) => context.events.emit('event', event);
      emit({type: 'stage-start', side: 'server', stage, runId});
      emit({type: 'message', side: 'server', stage, runId, direction: 'request', method: outcome.method ?? 'POST', path: outcome.path, bytes: JSON.stringify(outcome.request ?? null).length, body: outcome.request});
      for (const step of steps) emit({type: 'step', side: 'server', runId, ...step});
      emit({type: 'message', side: 'server', stage, runId, direction: 'response', method: outcome.method ?? 'POST', path: outcome.path, status: outcome.status, bytes: JSON.stringify(outcome.response ?? null).length, body: outcome.response});
      if (outcome.error) {
        emit({type: 'stage-failed', side: 'server', stage, runId, code: outcome.error.code as HandshakeErrorCode, message: outcome.error.message});
      } else {
        emit({type: 'stage-done', side: 'server', stage, runId, durationMs: performance.now() - started});
      }
    },
  };
}
