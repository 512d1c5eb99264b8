import type {StageId} from '../../src/protocol/errors.js';
import type {Side} from '../../src/protocol/events.js';
import {V2Path} from '../../src/protocol/v2/constants.js';

/** A sub-step (v2: docs/PROTOCOL.md §13; classic: docs/CLASSIC.md), with a short and a longer description for the lanes. */
export interface StepInfo {
  readonly id: string;
  readonly stage: StageId;
  readonly side: Side;
  readonly action: string;
  readonly short: string;
  readonly long: string;
}

export const s = (id: string, side: Side, action: string, short: string, long: string): StepInfo =>
  ({id, stage: id.slice(0, 2) as StageId, side, action, short, long});

/** Every sub-step in protocol order (docs/PROTOCOL.md §13). */
export const STEPS: readonly StepInfo[] = [
  s('A0.1', 'client', 'keygen', 'E_c, nonce', 'e_c/E_c, nonce_c, t'),
  s('A0.2', 'server', 'check', 'E_c, time', 'E_c, time window, nonces'),
  s('A0.3', 'server', 'sign', 'H_a0s', 'E_s, channel id: H_a0s'),
  s('A0.4', 'server', 'derive', 'channel', 'channel keys (salt H_a0)'),
  s('A0.5', 'client', 'verify', 'repo sig', 'repository sig (pinned)'),
  s('A0.6', 'client', 'derive', 'channel', 'channel keys (salt H_a0)'),
  s('A1.1', 'client', 'sign', 'H_a1s', 'S_c; subject signs H_a1s'),
  s('A1.2', 'client', 'encrypt', 'P1', 'P1 with k_ch_c2s'),
  s('A2.1', 'server', 'decrypt', 'A1', 'A1 (takes the channel)'),
  s('A2.2', 'server', 'verify', 'subject', 'subject sig, status'),
  s('A2.3', 'server', 'sign', 'H_a2s', 'S_s, session id: H_a2s'),
  s('A2.4', 'server', 'derive', 'session', 'session keys (salt H_a2)'),
  s('A2.5', 'server', 'encrypt', 'P2', 'P2 with k_ch_s2c'),
  s('A3.1', 'client', 'decrypt', 'A2', 'A2 with k_ch_s2c'),
  s('A3.2', 'client', 'verify', 'repo sig', 'repository sig on H_a2s'),
  s('A3.3', 'client', 'derive', 'session', 'session keys (salt H_a2)'),
  s('A3.4', 'client', 'finished', 'MAC', 'client_finished MAC'),
  s('A3.5', 'server', 'confirm', 'MACs', 'client_finished; stores'),
  s('A3.6', 'client', 'confirm', 'MAC', 'server_finished MAC'),
  s('A3.7', 'client', 'store', 'session', 'session in the store'),
];

/** The v2 step with this id. */
export const stepInfo = (id: string): StepInfo | undefined => STEPS.find((step) => step.id === id);

/** One HTTP round trip of the handshake: which stage's message goes out and which steps each side runs around it. */
export type ExchangeId = 'a0' | 'a1' | 'a3';

export interface ExchangeInfo {
  readonly id: ExchangeId;
  readonly path: string;
  /** Label of the request and of the answer (the answer to A1 is the A2 message). */
  readonly request: string;
  readonly answer: string;
  /** Server steps run for this request. */
  readonly serverSteps: readonly string[];
  /** The HTTP status of a successful answer. */
  readonly okStatus: number;
}

export const EXCHANGES: readonly ExchangeInfo[] = [
  {id: 'a0', path: V2Path.A0, request: 'A0', answer: 'A0', serverSteps: ['A0.2', 'A0.3', 'A0.4'], okStatus: 200},
  {id: 'a1', path: V2Path.A1, request: 'A1', answer: 'A2', serverSteps: ['A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5'], okStatus: 200},
  {id: 'a3', path: V2Path.A3, request: 'A3', answer: 'A3', serverSteps: ['A3.5'], okStatus: 200},
];

/**
 * One row of the sequence diagram: a client step, a server step, and the message crossing between them
 * (a request leaves the client's last step before it and reaches the server's first; an answer the reverse).
 * Rows with an arrow pack the two ends of a message on one line, so the whole v2 run fits 15 rows.
 */
export interface DiagramRow {
  readonly client?: string;
  readonly server?: string;
  readonly message?: {readonly exchange: ExchangeId; readonly direction: 'request' | 'answer'};
}

export const DIAGRAM: readonly DiagramRow[] = [
  {client: 'A0.1', message: {exchange: 'a0', direction: 'request'}, server: 'A0.2'},
  {server: 'A0.3'},
  {client: 'A0.5', message: {exchange: 'a0', direction: 'answer'}, server: 'A0.4'},
  {client: 'A0.6'},
  {client: 'A1.1'},
  {client: 'A1.2', message: {exchange: 'a1', direction: 'request'}, server: 'A2.1'},
  {server: 'A2.2'},
  {server: 'A2.3'},
  {server: 'A2.4'},
  {client: 'A3.1', message: {exchange: 'a1', direction: 'answer'}, server: 'A2.5'},
  {client: 'A3.2'},
  {client: 'A3.3'},
  {client: 'A3.4', message: {exchange: 'a3', direction: 'request'}, server: 'A3.5'},
  {client: 'A3.6', message: {exchange: 'a3', direction: 'answer'}},
  {client: 'A3.7'},
];

/** The exchange of an HTTP path. */
export const exchangeForPath = (path: string): ExchangeInfo | undefined => EXCHANGES.find((e) => e.path === path);

/** The exchange a server step belongs to. */
export const exchangeOfStep = (id: string): ExchangeInfo | undefined => EXCHANGES.find((e) => e.serverSteps.includes(id));
