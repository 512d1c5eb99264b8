import type {HandshakeErrorCode, StageId} from './errors.js';
import type {StepRecord} from './steps.js';

export type {TraceValue} from './steps.js';

/** Which party emitted an event. */
export type Side = 'client' | 'server';

/** A sub-step of a stage (e.g. A1.1 sign) with the exact inputs and outputs it worked on, and its side. */
export type StepEvent = StepRecord & {readonly type: 'step'; readonly side: Side};

/** Every event of a handshake run, for the TUI, `--json`, trace export and tests (one stream per side). */
export type HandshakeEvent =
  | {readonly type: 'stage-start'; readonly side: Side; readonly stage: StageId; readonly runId: string}
  | (StepEvent & {readonly runId: string})
  | {
      readonly type: 'message';
      readonly side: Side;
      readonly stage: StageId;
      readonly runId: string;
      readonly direction: 'request' | 'response';
      readonly method: string;
      readonly path: string;
      readonly status?: number;
      readonly bytes: number;
      readonly body: unknown;
    }
  | {readonly type: 'stage-done'; readonly side: Side; readonly stage: StageId; readonly runId: string; readonly durationMs: number}
  | {
      readonly type: 'stage-failed';
      readonly side: Side;
      readonly stage: StageId | 'session';
      readonly runId: string;
      readonly code: HandshakeErrorCode;
      readonly message: string;
    }
  | {
      readonly type: 'complete';
      readonly side: Side;
      readonly runId: string;
      readonly sessionId: string;
      readonly organization: string;
      readonly username: string;
      readonly expiresAt: number;
    };

/** A sink for events; emitters call it synchronously. */
export type EventSink = (event: HandshakeEvent) => void;
