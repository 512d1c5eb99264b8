// Both sides of the classic handshake in memory, stage by stage, with one negative test per stage, and a
// seeded run reproduced byte for byte.
import {HandshakeError} from '../../../../src/protocol/errors.js';
import {buildA1, finishA0, handleA2, startA0} from '../../../../src/protocol/classic/initiator.js';
import {encodeAnonymousAnswer, encodeAnonymousRequest, encodeKeyExchangeAnswer, parseKeyExchangeAnswer, wireBody} from '../../../../src/protocol/classic/messages.js';
import {answerKeyExchange, openAnonymousRequest, sealAnonymousAnswer} from '../../../../src/protocol/classic/responder.js';
import {answerSessionRequest} from '../../../../src/protocol/classic/responder-session.js';
import {openJson} from '../../../../src/protocol/classic/envelope.js';
import type {StepRecord} from '../../../../src/protocol/steps.js';
import {classicParties, type ClassicParties} from '../../../helpers/classic-parties.js';

/** Runs A0 … A3; `tamper` may change the message between stages. */
function run(parties: ClassicParties, tamper: {a2Request?: (m: string) => string; a0Answer?: (p: string) => string} = {}) {
  const steps: StepRecord[] = [];
  const client = {...parties.client, record: (r: StepRecord) => steps.push(r)};
  const server = {...parties.server, record: (r: StepRecord) => steps.push(r)};
  const a0 = startA0(client);
  const exchange = answerKeyExchange(server, parties.state, a0.request);
  const answerA0 = parseKeyExchangeAnswer(encodeKeyExchangeAnswer({...exchange, publicKey: tamper.a0Answer?.(exchange.publicKey) ?? exchange.publicKey}));
  const channel = finishA0(client, a0.state, answerA0);
  const a1 = buildA1(client, channel);
  const request = {...a1.request, message: tamper.a2Request?.(a1.request.message) ?? a1.request.message};
  const opened = openAnonymousRequest(server, parties.state, request);
  const answer = opened.refusal ?? answerSessionRequest(server, parties.directory, opened.plaintext);
  const sealed = sealAnonymousAnswer(server, opened.key, answer);
  const outcome = handleA2(client, a1.state, answer.status, sealed);
  return {steps, outcome, bytes: [a0.request, exchange, encodeAnonymousRequest(request), encodeAnonymousAnswer(sealed)].map((m) => wireBody(m as never).toString())};
}

describe('classic handshake in memory', () => {
  it('A0–A3 both sides: the same 64-byte session key, the server stored it, the steps in order', () => {
    const parties = classicParties();
    const {outcome, steps} = run(parties);
    expect(outcome).toMatchObject({sessionId: 1, organization: 'org1', username: 'user1', roles: []});
    expect(parties.directory.sessions[0].sessionKey.equals(outcome.sessionKey)).toBe(true);
    expect(parties.directory.sessions[0].nonce).toBe(outcome.nonce);
    expect(steps.map((s) => s.step)).toEqual(['A0.1', 'A0.2', 'A0.3', 'A0.4', 'A0.5', 'A0.6', 'A1.1', 'A1.2', 'A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5', 'A3.1', 'A3.2', 'A3.3']);
  });

  it('a seeded run is reproduced byte for byte (every message)', () => {
    expect(run(classicParties('seed-1')).bytes).toEqual(run(classicParties('seed-1')).bytes);
    expect(run(classicParties('seed-1')).bytes).not.toEqual(run(classicParties('seed-2')).bytes);
  });

  it('A0: a server ephemeral key swapped in transit fails the repository signature (bad_repository_signature)', () => {
    const other = classicParties();
    const swapped = encodeKeyExchangeAnswer(answerKeyExchange(other.server, other.state, startA0(other.client).request)).data.public_key;
    expect(() => run(classicParties(), {a0Answer: () => swapped})).toThrow(expect.objectContaining({stage: 'A0', code: 'bad_repository_signature'}));
  });

  it('A1/A2.1: a tampered ciphertext is answered with an encrypted 400 refusal, and the channel is gone', () => {
    const parties = classicParties();
    const flip = (m: string) => Buffer.from(Buffer.from(m, 'base64').map((b, i, all) => (i === all.length - 1 ? b ^ 1 : b))).toString('base64');
    expect(() => run(parties, {a2Request: flip})).toThrow(expect.objectContaining({stage: 'A2', status: 400}));
    expect(parties.state.channels.size).toBe(0);
    expect(parties.directory.sessions).toHaveLength(0);
  });

  it('A2.2: a subject signature that does not verify gets 400 "Invalid signature!" and no session', () => {
    const parties = classicParties();
    parties.directory.subjects.set('org1/user1', {publicKey: classicParties().subjectKey, status: 'active'});
    const failure = (() => {
      try {
        run(parties);
      } catch (error) {
        return error as HandshakeError;
      }
      throw new Error('expected a refusal');
    })();
    expect([failure.stage, failure.status, failure.message]).toEqual(['A2', 400, 'the repository refused (HTTP 400): Invalid signature!']);
    expect(parties.directory.sessions).toHaveLength(0);
  });

  it('A3: an answer for another channel does not decrypt (unexpected_answer); a refusal is never signed', () => {
    const parties = classicParties();
    const client = parties.client;
    const a0 = startA0(client);
    const channel = finishA0(client, a0.state, parseKeyExchangeAnswer(encodeKeyExchangeAnswer(answerKeyExchange(parties.server, parties.state, a0.request))));
    const a1 = buildA1(client, channel);
    const wrongKey = Buffer.alloc(32, 7);
    const sealed = sealAnonymousAnswer(parties.server, wrongKey, {status: 201, plaintext: {data: {}, signature: ''}});
    expect(() => handleA2(client, a1.state, 201, sealed)).toThrow(expect.objectContaining({stage: 'A3', code: 'unexpected_answer'}));
    const refusal = sealAnonymousAnswer(parties.server, channel.key, {status: 404, plaintext: {error: 'no'}});
    expect(openJson(channel.key, refusal.message, refusal.iv)).toEqual({error: 'no'});
  });
});
