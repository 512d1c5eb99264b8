import {HandshakeError} from '../../../src/protocol/errors.js';
import {buildA1, finishA0, handleA2, startA0} from '../../../src/protocol/v2/initiator.js';
import {answerA0, answerA1, answerA3} from '../../../src/protocol/v2/responder.js';
import {encodeA0Answer, encodeA0Request, encodeA1Request, encodeA2Answer, encodeA3Answer, encodeA3Request} from '../../../src/protocol/v2/messages.js';
import {doHandshake, makeParties} from '../../helpers/v2-parties.js';

function expectHandshakeError(run: () => unknown, stage: string, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HandshakeError);
    expect({stage: (error as HandshakeError).stage, code: (error as HandshakeError).code}).toEqual({stage, code});
    return;
  }
  throw new Error(`expected HandshakeError ${stage}/${code}, nothing was thrown`);
}

const flip = (bytes: Buffer, index = 0): Buffer => {
  const copy = Buffer.from(bytes);
  copy[index] ^= 0x01;
  return copy;
};

describe('v2 handshake in memory, stage by stage', () => {
  it('both sides derive the same session keys and confirm each other', () => {
    const p = makeParties();
    const run = doHandshake(p);
    expect(run.a3.state.keys.clientToServer.equals(run.confirmed.session.keys.clientToServer)).toBe(true);
    expect(run.a3.state.keys.serverToClient.equals(run.confirmed.session.keys.serverToClient)).toBe(true);
    expect(run.a3.state.keys.clientToServer.equals(run.a3.state.keys.serverToClient)).toBe(false);
    expect(run.confirmed.session).toMatchObject({organization: 'acme', username: 'alice'});
    expect(p.state.channels.size).toBe(0);
    expect(p.state.pendingSessions.size).toBe(0);
  });

  it('records every sub-step of both sides in order', () => {
    const p = makeParties();
    doHandshake(p);
    expect(p.steps.map((s) => `${s.step} ${s.action}`)).toEqual([
      'A0.1 keygen', 'A0.2 check', 'A0.3 sign', 'A0.4 derive', 'A0.5 verify', 'A0.6 derive',
      'A1.1 sign', 'A1.2 encrypt',
      'A2.1 decrypt', 'A2.2 verify', 'A2.3 sign', 'A2.4 derive', 'A2.5 encrypt',
      'A3.1 decrypt', 'A3.2 verify', 'A3.3 derive', 'A3.4 finished', 'A3.5 confirm', 'A3.6 confirm',
    ]);
  });

  it('a fixed seed gives the same bytes twice, and another seed different bytes', () => {
    const wire = (seed: string) => {
      const run = doHandshake(makeParties({seed, now: 1_760_000_000_000}));
      return JSON.stringify([encodeA0Request(run.a0.request), encodeA0Answer(run.a0Answer), encodeA1Request(run.a1.request),
        encodeA2Answer(run.a2Answer), encodeA3Request(run.a3.request), encodeA3Answer(run.confirmed.answer)]);
    };
    expect(wire('lecture 3')).toBe(wire('lecture 3'));
    expect(wire('lecture 3')).not.toBe(wire('lecture 4'));
  });
});

describe('v2 handshake: one negative test per stage', () => {
  it('A0: a replayed A0 nonce is refused by the server', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    answerA0(p.server, p.state, a0.request);
    expectHandshakeError(() => answerA0(p.server, p.state, a0.request), 'A0', 'replayed_nonce');
  });

  it('A0: a stale timestamp is refused', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    expectHandshakeError(() => answerA0(p.server, p.state, {...a0.request, timestamp: a0.request.timestamp - 61_000}), 'A0', 'stale_timestamp');
  });

  it('A0: the client refuses a swapped client ephemeral (T5) before sending A1', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    const attacker = startA0(p.client);
    const answer = answerA0(p.server, p.state, {...a0.request, clientEphemeral: attacker.request.clientEphemeral});
    expectHandshakeError(() => finishA0(p.client, a0.state, answer), 'A0', 'bad_repository_signature');
  });

  it('A0: an off-curve client point is refused before any other work', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    expectHandshakeError(() => answerA0(p.server, p.state, {...a0.request, clientEphemeral: flip(a0.request.clientEphemeral, 64)}), 'A0', 'invalid_point');
  });

  it('A1/A2: a flipped A1 ciphertext is refused with the generic error and burns the channel', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    const channel = finishA0(p.client, a0.state, answerA0(p.server, p.state, a0.request));
    const a1 = buildA1(p.client, channel);
    expectHandshakeError(() => answerA1(p.server, p.state, {...a1.request, ciphertext: flip(a1.request.ciphertext)}), 'A2', 'handshake_failed');
    expectHandshakeError(() => answerA1(p.server, p.state, a1.request), 'A2', 'handshake_failed');
    expect(p.state.pendingSessions.size).toBe(0);
  });

  it('A2: unknown user, unknown organization and a bad signature are indistinguishable', () => {
    const outcomes = ['mallory', 'acme2', 'badsig'].map((variant) => {
      const p = makeParties({username: variant === 'mallory' ? 'mallory' : 'alice', organization: variant === 'acme2' ? 'acme2' : 'acme'});
      const client = variant === 'badsig' ? {...p.client, subject: makeParties().client.subject} : p.client;
      const a0 = startA0(client);
      const channel = finishA0(client, a0.state, answerA0(p.server, p.state, a0.request));
      try {
        answerA1(p.server, p.state, buildA1(client, channel).request);
        return 'accepted';
      } catch (error) {
        const e = error as HandshakeError;
        return JSON.stringify({stage: e.stage, code: e.code, status: e.status, message: e.message});
      }
    });
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0]).toContain('handshake_failed');
  });

  it('A2: a suspended subject is refused after its signature verified', () => {
    const p = makeParties();
    p.status = 'suspended';
    expectHandshakeError(() => doHandshake(p), 'A2', 'subject_suspended');
  });

  it('A3: a flipped A2 answer is refused by the client', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    const channel = finishA0(p.client, a0.state, answerA0(p.server, p.state, a0.request));
    const a1 = buildA1(p.client, channel);
    const a2 = answerA1(p.server, p.state, a1.request);
    expectHandshakeError(() => handleA2(p.client, a1.state, {...a2, tag: flip(a2.tag)}), 'A3', 'handshake_failed');
  });

  it('A3: the client refuses a session that would already be expired', () => {
    const p = makeParties();
    const server = {...p.server, sessionLifetimeMs: -1000};
    const a0 = startA0(p.client);
    const channel = finishA0(p.client, a0.state, answerA0(server, p.state, a0.request));
    const a1 = buildA1(p.client, channel);
    expectHandshakeError(() => handleA2(p.client, a1.state, answerA1(server, p.state, a1.request)), 'A3', 'malformed_message');
  });

  it('A3: a wrong finished MAC is refused, and a replayed A3 too', () => {
    const p = makeParties();
    const a0 = startA0(p.client);
    const channel = finishA0(p.client, a0.state, answerA0(p.server, p.state, a0.request));
    const a1 = buildA1(p.client, channel);
    const a3 = handleA2(p.client, a1.state, answerA1(p.server, p.state, a1.request));
    expectHandshakeError(() => answerA3(p.server, p.state, {...a3.request, finished: flip(a3.request.finished)}), 'A3', 'handshake_failed');
    expectHandshakeError(() => answerA3(p.server, p.state, a3.request), 'A3', 'handshake_failed');
  });
});
