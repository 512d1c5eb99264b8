import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {HandshakeError, HandshakeErrorCode, type StageId} from './errors.js';
import type {EventSink, HandshakeEvent, TraceValue} from './events.js';
import type {StepRecorder} from './steps.js';

/** The client side's event bookkeeping for one run, shared by the v2 and classic runners. */
export interface ClientStages {
  readonly runId: string;
  readonly emit: EventSink;
  /** The recorder the stage functions get: steps become `step` events (none without a sink). */
  readonly record: StepRecorder | undefined;
  /** The stage in progress (where a failure is reported). */
  readonly stage: StageId;
  /** Emits `stage-start` and makes `next` the current stage. */
  begin(next: StageId): void;
  /** Emits `stage-done` for the current stage with its duration. */
  done(): void;
  /** Emits the `message` event of a request sent, or of an answer received for `stage`. */
  message(direction: 'request' | 'response', stage: StageId, path: string, bytes: number, body: unknown, status?: number): void;
  /** A3.7 store: runs `store`, emits its step; a failure is `store_failed` at A3 (nothing else was stored). */
  store(run: () => Promise<void>, title: string, inputs: Record<string, TraceValue>, outputs: Record<string, TraceValue>): Promise<void>;
  /** Emits `stage-failed` for a HandshakeError and returns it. */
  failed(failure: HandshakeError): HandshakeError;
}

/** Starts the bookkeeping of one client run (`runId` random unless given). */
export function clientStages(sink: EventSink | undefined, runId = randomBytes(8).toString('hex')): ClientStages {
  const emit = (event: HandshakeEvent) => sink?.(event);
  let stage: StageId = 'A0';
  let started = performance.now();
  return {
    runId,
    emit,
    record: sink ? (r) => emit({type: 'step', side: 'client', runId, ...r}) : undefined,
    get stage() {
      return stage;
    },
    begin(next) {
      stage = next;
      started = performance.now();
      emit({type: 'stage-start', side: 'client', stage, runId});
    },
    done: () => emit({type: 'stage-done', side: 'client', stage, runId, durationMs: performance.now() - started}),
    message: (direction, at, path, bytes, body, status) =>
      emit({type: 'message', side: 'client', stage: at, runId, direction, method: 'POST', path, bytes, body, ...(status === undefined ? {} : {status})}),
    async store(run, title, inputs, outputs) {
      const begun = performance.now();
      try {
        await run();
      } catch (error) {
        throw new HandshakeError('A3', HandshakeErrorCode.StoreFailed, `the session was created but could not be stored: ${(error as Error).message}`);
      }
      emit({type: 'step', side: 'client', runId, stage: 'A3', step: 'A3.7', action: 'store', title, inputs, outputs, durationMs: performance.now() - begun});
    },
    failed(failure) {
      emit({type: 'stage-failed', side: 'client', stage: failure.stage, runId, code: failure.code, message: failure.message});
      return failure;
    },
  };
}
