import {aesGcmEncrypt} from '../../src/crypto/aead.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {systemRng} from '../../src/crypto/random.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {buildA1, finishA0, handleA2, startA0} from '../../src/protocol/v2/initiator.js';
import {encodeA0Request, encodeA1Request, encodeA3Request, parseA0Answer, parseA2Answer} from '../../src/protocol/v2/messages.js';
import {encodeRequestRecord, recordAad, recordNonce, sealRecord} from '../../src/protocol/v2/session-request.js';
import type {DeepCase} from './fuzz-case-types.js';
import type {FuzzContext} from './fuzz-context.js';
import {lastRequest, setupFailed} from './fuzz-last-request.js';
import {JSON_TYPE, observe, type Observation} from './fuzz-send.js';

/**
 * The v2 deep scenarios, performed: a real A0 then a bad A1 on that channel, real A0 and A1 then a bad A3, and
 * a bad whoami over one of the context's real sessions (wrong sequence, key or path, or a chosen plaintext
 * sealed under the session key).
 */

export async function runV2A1(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-a1'}>): Promise<Observation[]> {
  const {alice, transport} = ctx.target;
  const a0 = startA0(alice);
  const first = await transport.request('POST', V2Path.A0, encodeA0Request(a0.request));
  if (first.status !== 200) return setupFailed(c.route, 'A0', first);
  const channel = finishA0(alice, a0.state, parseA0Answer(first.body));
  const a1 = buildA1(alice, channel);
  const seal = (plaintext: Buffer) => {
    const iv = systemRng(12);
    const sealed = aesGcmEncrypt(channel.keys.clientToServer, iv, plaintext, channel.transcript.hash);
    return {channel_id: toBase64Url(channel.channelId), iv: toBase64Url(iv), ciphertext: toBase64Url(sealed.ciphertext), tag: toBase64Url(sealed.tag)};
  };
  return lastRequest(ctx, c.route, 'POST', V2Path.A1, encodeA1Request(a1.request), c.how, {seal});
}

export async function runV2A3(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-a3'}>): Promise<Observation[]> {
  const {alice, transport} = ctx.target;
  const a0 = startA0(alice);
  const first = await transport.request('POST', V2Path.A0, encodeA0Request(a0.request));
  if (first.status !== 200) return setupFailed(c.route, 'A0', first);
  const a1 = buildA1(alice, finishA0(alice, a0.state, parseA0Answer(first.body)));
  const second = await transport.request('POST', V2Path.A1, encodeA1Request(a1.request));
  if (second.status !== 200) return setupFailed(c.route, 'A1', second);
  const a3 = handleA2(alice, a1.state, parseA2Answer(second.body));
  return lastRequest(ctx, c.route, 'POST', V2Path.A3, encodeA3Request(a3.request), c.how, {});
}

export async function runWhoami(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-whoami'}>): Promise<Observation[]> {
  const session = ctx.v2Sessions[Math.floor(Math.random() * ctx.v2Sessions.length)];
  const sequence = session.next++;
  const route: {method: string; path: string} = {method: 'POST', path: V2Path.Whoami};
  const record = (seq = sequence, key = session.c2s, on = route) => encodeRequestRecord(sealRecord('request', key, session.id, seq, on, {}));
  const send = (body: unknown) => observe(ctx, c.route, 'POST', V2Path.Whoami, Buffer.from(JSON.stringify(body)), JSON_TYPE);
  const how = c.how;
  if (how.mode === 'sequence') {
    const valid = typeof how.sequence === 'number' && Number.isSafeInteger(how.sequence) && how.sequence >= 0;
    return [await send(valid ? record(how.sequence as number) : {...record(), sequence: how.sequence})];
  }
  if (how.mode === 'wrong-key') return [await send(record(sequence, session.s2c))];
  if (how.mode === 'wrong-path') return [await send(record(sequence, session.c2s, {method: 'POST', path: '/v2/whoamI'}))];
  const seal = (plaintext: Buffer) => {
    const raw = aesGcmEncrypt(session.c2s, recordNonce(sequence), plaintext, recordAad('request', session.id, sequence, route));
    return {...record(), ciphertext: toBase64Url(raw.ciphertext), tag: toBase64Url(raw.tag)};
  };
  return lastRequest(ctx, c.route, 'POST', V2Path.Whoami, record(), how, {seal});
}
