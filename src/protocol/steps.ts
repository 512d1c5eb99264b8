import {performance} from 'node:perf_hooks';
import type {StageId} from './errors.js';

/** A labelled value shown in traces: bytes are given as hex, text as text. */
export type TraceValue = string | number | boolean;

/** A sub-step as recorded by a stage function (the runner adds side and run id when emitting). */
export interface StepRecord {
  readonly stage: StageId;
  /** Sub-step id, e.g. `A1.1`; see docs/PROTOCOL.md §13 for the table. */
  readonly step: string;
  /** Short verb: `sign`, `verify`, `derive`, `encrypt`, `decrypt`, `keygen`, `store` ... */
  readonly action: string;
  /** One line describing the step. */
  readonly title: string;
  readonly inputs: Readonly<Record<string, TraceValue>>;
  readonly outputs: Readonly<Record<string, TraceValue>>;
  readonly durationMs: number;
}

/** Receives the sub-steps of stage functions as they complete. */
export type StepRecorder = (record: StepRecord) => void;

/** A recorder that drops everything (the server's hot path when nobody listens). */
export const noSteps: StepRecorder = () => {};

/** What a step reports: its id, verb and title, and a function computing its result and trace fields. */
export interface StepSpec<T> {
  readonly stage: StageId;
  readonly step: string;
  readonly action: string;
  readonly title: string;
  readonly run: () => T;
  /** Inputs and outputs to show; only evaluated when the recorder is not {@link noSteps}. */
  readonly trace?: (result: T) => {inputs?: Record<string, TraceValue>; outputs?: Record<string, TraceValue>};
}

/** Runs one sub-step, timing it and recording it; errors propagate unrecorded (the runner reports them). */
export function step<T>(record: StepRecorder, spec: StepSpec<T>): T {
  const started = performance.now();
  const result = spec.run();
  if (record !== noSteps) {
    const durationMs = performance.now() - started;
    const {inputs = {}, outputs = {}} = spec.trace?.(result) ?? {};
    record({stage: spec.stage, step: spec.step, action: spec.action, title: spec.title, inputs, outputs, durationMs});
  }
  return result;
}

/** Hex of bytes, for traces. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
