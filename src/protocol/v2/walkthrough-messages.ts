import type {StageId} from '../errors.js';
import type {Side} from '../events.js';
import {hex, type StepRecord} from '../steps.js';
import {V2Path} from './constants.js';
import {jsonFields} from './walkthrough-fields.js';
import type {WalkthroughParties} from './walkthrough-parties.js';
import type {LabelledField, WalkthroughFrame, WalkthroughMessageId} from './walkthrough-types.js';

/** A message as it went on the wire in a walkthrough run: its id and exact JSON body. */
export interface SentMessage {
  readonly id: WalkthroughMessageId;
  readonly json: string;
}

interface MessageInfo {
  readonly stage: StageId;
  readonly from: Side;
  readonly path: string;
  /** The sub-step whose trace holds the sealed plaintext, for envelopes. */
  readonly sealedBy?: {readonly step: string; readonly name: 'P1' | 'P2'};
}

const INFO: Readonly<Record<WalkthroughMessageId, MessageInfo>> = {
  'A0 request': {stage: 'A0', from: 'client', path: V2Path.A0},
  'A0 answer': {stage: 'A0', from: 'server', path: V2Path.A0},
  'A1 request': {stage: 'A1', from: 'client', path: V2Path.A1, sealedBy: {step: 'A1.2', name: 'P1'}},
  'A2 answer': {stage: 'A2', from: 'server', path: V2Path.A1, sealedBy: {step: 'A2.5', name: 'P2'}},
  'A3 request': {stage: 'A3', from: 'client', path: V2Path.A3},
  'A3 answer': {stage: 'A3', from: 'server', path: V2Path.A3},
};

/**
 * A message frame (without index, text, keys and transcript): who sends it to whom, the HTTP line, the exact
 * JSON and every field decoded. For the sealed A1 and A2 envelopes the plaintext's fields follow, marked
 * `sealed` (from the sealing step's trace: they are not visible on the wire).
 */
export function describeMessage(message: SentMessage, records: readonly StepRecord[]):
  Omit<WalkthroughFrame, 'index' | 'explanation' | 'prevents' | 'keySchedule' | 'transcript'> {
  const info = INFO[message.id];
  const to: Side = info.from === 'client' ? 'server' : 'client';
  const request = info.from === 'client';
  const fields = jsonFields(message.id, JSON.parse(message.json) as Record<string, unknown>, 'message');
  if (info.sealedBy) {
    const sealing = records.find((r) => r.step === info.sealedBy?.step);
    const plaintext = JSON.parse(String(sealing?.inputs.plaintext ?? '{}')) as Record<string, unknown>;
    fields.push(...jsonFields(info.sealedBy.name, plaintext, 'sealed'));
  }
  return {
    kind: 'message', stage: info.stage, id: message.id, side: info.from, action: 'send',
    title: request ? `Client → repository: POST ${info.path}` : `Repository → client: 200, the answer to POST ${info.path}`,
    message: {
      id: message.id, from: info.from, to, method: 'POST', path: info.path, direction: request ? 'request' : 'response',
      ...(request ? {} : {status: 200}), json: message.json, bytes: Buffer.byteLength(message.json),
    },
    fields,
  };
}

/** The set-up frame's fields: the pinned repository key and its fingerprint, the subject, the clock, the seed. */
export function setupFields(p: WalkthroughParties, seed: string | undefined): LabelledField[] {
  const time = new Date(p.now).toISOString();
  return [
    {name: 'repository_spki', meaning: 'the pinned repository public key: DER SubjectPublicKeyInfo, named curve P-256, uncompressed point', group: 'input', hex: hex(p.repositorySpki), length: p.repositorySpki.length},
    {name: 'subject_spki', meaning: 'the public key acme/alice registered with the repository (DER SPKI)', group: 'input', hex: hex(p.subjectSpki), length: p.subjectSpki.length},
    {name: 'organization', meaning: 'organization of the subject', group: 'input', text: p.client.organization},
    {name: 'username', meaning: 'username of the subject', group: 'input', text: p.client.username},
    {name: 'now', meaning: 'the clock of both parties in this run (fixed when seeded)', group: 'input', text: `${p.now} (${time})`},
    {
      name: 'seed', meaning: seed === undefined ? 'no seed: keys, nonces and IVs are random' : 'every key, nonce and IV derives from it: teaching only',
      group: 'input', text: seed === undefined ? '(none)' : JSON.stringify(seed),
    },
    {name: 'audience', meaning: 'SHA-256 of that SPKI: the fingerprint the client shows and transcript row 1', group: 'derived', hex: hex(p.audience), length: p.audience.length},
  ];
}
