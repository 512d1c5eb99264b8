import {ecdhSharedSecret} from '../../crypto/ecdh.js';
import {sha256} from '../../crypto/hash.js';
import {utf8} from '../../crypto/bytes.js';
import type {Side} from '../events.js';
import {hex, type StepRecord} from '../steps.js';
import {PROTOCOL_ID} from './constants.js';
import {buildA1, finishA0, finishA3, handleA2, startA0} from './initiator.js';
import {
  encodeA0Answer, encodeA0Request, encodeA1Request, encodeA2Answer, encodeA3Answer, encodeA3Request,
  parseA0Answer, parseA0Request, parseA1Request, parseA2Answer, parseA3Answer, parseA3Request,
} from './messages.js';
import {answerA0, answerA1, answerA3} from './responder.js';
import {derivedFields, stepFields} from './walkthrough-fields.js';
import {channelKeyTree, sessionKeyTree, type FinishedMacs} from './walkthrough-keys.js';
import {describeMessage, setupFields, type SentMessage} from './walkthrough-messages.js';
import {walkthroughParties} from './walkthrough-parties.js';
import {FRAME_TEXT} from './walkthrough-text.js';
import {transcriptRows, transcriptView} from './walkthrough-transcript.js';
import type {KeyNode, Walkthrough, WalkthroughFrame, WalkthroughMessageId} from './walkthrough-types.js';

export type * from './walkthrough-types.js';
export {WALKTHROUGH_SEEDED_NOW} from './walkthrough-parties.js';

type RunEvent = {readonly kind: 'step'; readonly side: Side; readonly record: StepRecord} | {readonly kind: 'message'; readonly message: SentMessage};

/** Options of {@link buildWalkthrough}. */
export interface WalkthroughOptions {
  /** Text seed: every key, nonce, IV and signature is derived from it (teaching only). */
  readonly seed?: string;
  /** Clock of the run (ms); with a seed the default is {@link WALKTHROUGH_SEEDED_NOW}, otherwise the real time. */
  readonly now?: number;
}

/**
 * Runs the whole v2 handshake in memory (client and repository, A0 → A3, docs/PROTOCOL.md) and returns it as
 * frames to pause on: the set-up, one frame per sub-step of both sides (A0.1 … A3.7, §13; A3.7 store is
 * described, nothing is stored) and one per message on the wire (A0 request/answer, A1 request, A2 answer,
 * A3 request/answer). Each frame carries an explanation, labelled bytes, the key schedule so far and the
 * transcript so far. Pure apart from randomness: the same seed and `now` give identical frames.
 */
export function buildWalkthrough(options: WalkthroughOptions = {}): Walkthrough {
  const events: RunEvent[] = [];
  const p = walkthroughParties({...options, onStep: (side, record) => events.push({kind: 'step', side, record})});
  const send = <T>(id: WalkthroughMessageId, body: object, parse: (body: unknown) => T): T => {
    const json = JSON.stringify(body);
    events.push({kind: 'message', message: {id, json}});
    return parse(JSON.parse(json));
  };
  // The run, as docs/PROTOCOL.md §1 draws it; every message goes through its JSON encoding and strict parser.
  const a0 = startA0(p.client);
  const a0Request = send('A0 request', encodeA0Request(a0.request), parseA0Request);
  const a0Answer = send('A0 answer', encodeA0Answer(answerA0(p.server, p.state, a0Request)), parseA0Answer);
  const channel = finishA0(p.client, a0.state, a0Answer);
  const a1 = buildA1(p.client, channel);
  const a1Request = send('A1 request', encodeA1Request(a1.request), parseA1Request);
  const a2Answer = send('A2 answer', encodeA2Answer(answerA1(p.server, p.state, a1Request)), parseA2Answer);
  const a3 = handleA2(p.client, a1.state, a2Answer);
  const confirmed = answerA3(p.server, p.state, send('A3 request', encodeA3Request(a3.request), parseA3Request));
  const a3Answer = send('A3 answer', encodeA3Answer(confirmed.answer), parseA3Answer);
  finishA3(p.client, a3.state, a3Answer);
  events.push({kind: 'step', side: 'client', record: {
    stage: 'A3', step: 'A3.7', action: 'store', title: 'Client stores the session (described only: the walkthrough stores nothing)',
    inputs: {session_id: hex(a3.state.sessionId), organization: p.client.organization, username: p.client.username, audience: hex(p.audience)},
    outputs: {expires_at: a3.state.expiresAt, k_c2s: hex(a3.state.keys.clientToServer), k_s2c: hex(a3.state.keys.serverToClient), next_sequence: 1},
    durationMs: 0,
  }});

  const rows = transcriptRows(a3.state.afterA3.entries);
  const h0 = hex(sha256(utf8(PROTOCOL_ID)));
  const records = events.flatMap((e) => (e.kind === 'step' ? [e.record] : []));
  const serverSession = Buffer.from(String(records.find((r) => r.step === 'A3.1')?.outputs.server_session_public_key), 'hex');
  const channelTree = channelKeyTree(ecdhSharedSecret(a0.state.ephemeral, a0Answer.serverEphemeral), channel.transcript.hash, channel.keys);
  const sessionSecret = ecdhSharedSecret(a1.state.session, serverSession);
  const macs: {client?: FinishedMacs['client']; server?: FinishedMacs['server']} = {};
  let trees: KeyNode[] = [];

  const frames: WalkthroughFrame[] = [];
  const push = (frame: Omit<WalkthroughFrame, 'index' | 'explanation' | 'prevents' | 'keySchedule' | 'transcript'>) => {
    if (frame.id === 'A0.4') trees = [channelTree];
    if (frame.id === 'A3.4') macs.client = {mac: a3.request.finished, hash: a3.state.transcript.hash};
    if (frame.id === 'A3.5') macs.server = {mac: a3Answer.finished, hash: a3.state.afterA3.hash};
    if (frame.id === 'A2.4' || frame.id === 'A3.4' || frame.id === 'A3.5') {
      trees = [channelTree, sessionKeyTree(sessionSecret, a3.state.transcript.hash, a3.state.keys, {...macs})];
    }
    const text = FRAME_TEXT[frame.id];
    if (!text) throw new Error(`no explanation for walkthrough frame ${frame.id}`);
    frames.push({index: frames.length, ...frame, ...text, keySchedule: trees, transcript: transcriptView(frame.id, rows, h0)});
  };

  push({kind: 'setup', stage: 'A0', id: 'setup', side: 'both', action: 'pin', title: 'Set-up: the pinned repository key and the subject', fields: setupFields(p, options.seed)});
  for (const event of events) {
    if (event.kind === 'message') {
      push(describeMessage(event.message, records));
      continue;
    }
    const {record, side} = event;
    const uses = transcriptView(record.step, rows, h0).uses?.name;
    push({
      kind: 'step', stage: record.stage, id: record.step, side, action: record.action, title: record.title,
      fields: [...stepFields(record, uses), ...derivedFields(record.step, rows, p.now)],
    });
  }
  return {
    protocol: PROTOCOL_ID, ...(options.seed !== undefined ? {seed: options.seed} : {}), now: p.now,
    organization: p.client.organization, username: p.client.username, repositoryFingerprint: hex(p.audience),
    transcriptHash: hex(a3.state.afterA3.hash), frames,
  };
}
