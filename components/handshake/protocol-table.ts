import type {StageId} from '../../src/protocol/errors.js';
import type {Suite} from '../suites.js';
import {CLASSIC_DIAGRAM, CLASSIC_EXCHANGES, CLASSIC_STEPS} from './classic-steps.js';
import {DIAGRAM, EXCHANGES, STEPS, type DiagramRow, type ExchangeId, type ExchangeInfo, type StepInfo} from './protocol-steps.js';

/** Everything the live handshake needs to know about one suite's handshake: steps, round trips, diagram, run ids. */
export interface ProtocolTable {
  readonly suite: Suite;
  readonly steps: readonly StepInfo[];
  readonly exchanges: readonly ExchangeInfo[];
  readonly diagram: readonly DiagramRow[];
  /** Steps and each exchange's request and answer, in protocol order (see {@link timelineOf}). */
  readonly timeline: readonly string[];
  /** The round trip a message event belongs to. */
  exchangeOf(event: {readonly path: string; readonly stage: StageId}): ExchangeInfo | undefined;
  /**
   * Body fields that name the server's run: in the client's requests and answers (remembered), and in the
   * server's A0 request event (a server run whose A0 carries a remembered value is this run).
   */
  readonly runFields: {
    readonly request: Partial<Record<ExchangeId, string>>;
    readonly answer: Partial<Record<ExchangeId, string>>;
    readonly adopt: string;
  };
}

/** Everything that happens, in protocol order: steps, and each exchange's request (before its first server step) and answer (after its last). */
export function timelineOf(steps: readonly StepInfo[], exchanges: readonly ExchangeInfo[]): string[] {
  return steps.flatMap((step) => {
    const exchange = exchanges.find((e) => e.serverSteps[0] === step.id);
    const last = exchanges.find((e) => e.serverSteps[e.serverSteps.length - 1] === step.id);
    return [...(exchange ? [`request:${exchange.id}`] : []), step.id, ...(last ? [`answer:${last.id}`] : [])];
  });
}

export const V2_TABLE: ProtocolTable = {
  suite: 'v2', steps: STEPS, exchanges: EXCHANGES, diagram: DIAGRAM, timeline: timelineOf(STEPS, EXCHANGES),
  // Each stage has its own path.
  exchangeOf: (event) => EXCHANGES.find((e) => e.path === event.path),
  // The server names its run by the channel id; the client knows its nonce, then the channel id, then the session id.
  runFields: {request: {a0: 'client_nonce', a1: 'channel_id', a3: 'session_id'}, answer: {a0: 'channel_id'}, adopt: 'client_nonce'},
};

export const CLASSIC_TABLE: ProtocolTable = {
  suite: 'classic', steps: CLASSIC_STEPS, exchanges: CLASSIC_EXCHANGES, diagram: CLASSIC_DIAGRAM, timeline: timelineOf(CLASSIC_STEPS, CLASSIC_EXCHANGES),
  // Both phases POST /sessions: the key exchange is stage A0, the signed request goes out in A2 (its answer too).
  exchangeOf: (event) => CLASSIC_EXCHANGES.find((e) => e.path === event.path && (e.id === 'a0') === (event.stage === 'A0')),
  // The server names both phases by the client's ephemeral key (message 1's `public_key`, message 3's `client_ephemeral_public_key`).
  runFields: {request: {a0: 'public_key'}, answer: {}, adopt: 'public_key'},
};

/** The table of a suite. */
export const tableOf = (suite: Suite): ProtocolTable => (suite === 'classic' ? CLASSIC_TABLE : V2_TABLE);

/** The step with this id in a table. */
export const stepIn = (table: ProtocolTable, id: string): StepInfo | undefined => table.steps.find((step) => step.id === id);
