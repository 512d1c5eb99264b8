import {handshakeReducer, initialHandshakeState, type HandshakeAction, type HandshakeViewState} from '../../../components/hooks/handshake-reducer.js';
import {runningItem} from '../../../components/handshake/diagram.js';
import type {HandshakeEvent, Side} from '../../../src/protocol/events.js';
import type {StageId} from '../../../src/protocol/errors.js';

const RUN = 'client-run';
const step = (side: Side, id: string, runId = RUN): HandshakeEvent =>
  ({type: 'step', side, runId, stage: id.slice(0, 2) as StageId, step: id, action: 'x', title: id, inputs: {}, outputs: {}, durationMs: 0.5});
const message = (side: Side, stage: StageId, path: string, direction: 'request' | 'response', body: unknown, status?: number, runId = RUN): HandshakeEvent =>
  ({type: 'message', side, stage, runId, direction, method: 'POST', path, status, bytes: 100, body});
const client = (event: HandshakeEvent, at = 0): HandshakeAction => ({type: 'client', event, at});
const server = (event: HandshakeEvent): HandshakeAction => ({type: 'server', event});
const play = (live: boolean, ...actions: HandshakeAction[]): HandshakeViewState => actions.reduce(handshakeReducer, initialHandshakeState(live));

/** The A0 round trip: the server names its run by the channel id, known to the client only from the answer. */
const a0 = (nonce: string, channel: string): HandshakeAction[] => [
  client({type: 'stage-start', side: 'client', stage: 'A0', runId: RUN}),
  client(step('client', 'A0.1')),
  client(message('client', 'A0', '/v2/session/a0', 'request', {client_nonce: nonce}), 10),
  server({type: 'stage-start', side: 'server', stage: 'A0', runId: channel}),
  server(message('server', 'A0', '/v2/session/a0', 'request', {client_nonce: nonce}, undefined, channel)),
  server(step('server', 'A0.2', channel)), server(step('server', 'A0.3', channel)), server(step('server', 'A0.4', channel)),
  client(message('client', 'A0', '/v2/session/a0', 'response', {channel_id: channel}, 200), 14),
];

describe('handshakeReducer', () => {
  it('puts the in-process server steps of this run in the server lane, and ignores other runs', () => {
    const state = play(true, ...a0('N', 'CH'), server(step('server', 'A0.2', 'someone-else')),
      server(message('server', 'A0', '/v2/session/a0', 'request', {client_nonce: 'other'}, undefined, 'CH2')), server(step('server', 'A0.3', 'CH2')));
    expect(Object.keys(state.steps).sort()).toEqual(['A0.1', 'A0.2', 'A0.3', 'A0.4']);
    expect(state.serverRuns).toEqual(['N', 'CH']);
    expect(state.unmatched).toHaveLength(3);
    expect(state.exchanges.a0).toMatchObject({sentBytes: 100, sentAt: 10, status: 200, answerBytes: 100, answeredAt: 14, failed: false});
    expect(runningItem(state)).toBe('A0.5');
  });

  it('the running item: the server step in flight when live, the awaited answer when not', () => {
    const sent = a0('N', 'CH').slice(0, 3);
    expect(runningItem(play(true, ...sent))).toBe('A0.2');
    expect(runningItem(play(false, ...sent))).toBe('answer:a0');
    expect(runningItem(play(false, ...a0('N', 'CH')))).toBe('A0.5');
  });

  it('a refusal stops at the server step that failed (live), or at the exchange (external)', () => {
    const refusal = [
      client(message('client', 'A2', '/v2/session/a1', 'request', {channel_id: 'CH'})),
      server(step('server', 'A2.1', 'CH')),
      server({type: 'stage-failed', side: 'server', stage: 'A2', runId: 'CH', code: 'subject_suspended', message: 'suspended'}),
      client(message('client', 'A2', '/v2/session/a1', 'response', {error: 'subject_suspended'}, 403)),
      client({type: 'stage-failed', side: 'client', stage: 'A2', runId: RUN, code: 'subject_suspended', message: 'suspended'}),
      {type: 'failed', sentence: 'Stage A2: this subject is suspended.'} as HandshakeAction,
    ];
    const live = play(true, ...a0('N', 'CH'), ...refusal);
    expect(live).toMatchObject({phase: 'failed', failure: {stage: 'A2', step: 'A2.2', code: 'subject_suspended', sentence: 'Stage A2: this subject is suspended.'}});
    expect(live.steps['A2.2']).toEqual({status: 'failed'});
    expect(live.exchanges.a1).toMatchObject({status: 403, errorCode: 'subject_suspended', failed: true});
    expect(live.stages.A2).toEqual({status: 'failed'});
    expect(runningItem(live)).toBeUndefined();
    const external = play(false, ...a0('N', 'CH'), ...refusal);
    expect(external.failure?.step).toBeUndefined();
    expect(external.steps['A2.2']).toBeUndefined();
  });

  it('a client-side failure marks the client step (bad repository signature at A0.5)', () => {
    const state = play(true, ...a0('N', 'CH'),
      client({type: 'stage-failed', side: 'client', stage: 'A0', runId: RUN, code: 'bad_repository_signature', message: 'bad'}));
    expect(state.failure).toMatchObject({stage: 'A0', step: 'A0.5'});
    expect(state.steps['A0.5']).toEqual({status: 'failed'});
  });

  it('no answer marks the exchange, not a step', () => {
    const state = play(false, ...a0('N', 'CH').slice(0, 3),
      client({type: 'stage-failed', side: 'client', stage: 'A0', runId: RUN, code: 'unreachable', message: 'down'}));
    expect(state.exchanges.a0?.failed).toBe(true);
    expect(state.failure).toMatchObject({stage: 'A0', step: undefined});
  });

  it('completes with the stored session', () => {
    const session = {id: 'S'} as never;
    const state = play(true, client({type: 'stage-done', side: 'client', stage: 'A3', runId: RUN, durationMs: 3}), {type: 'stored', session},
      client({type: 'complete', side: 'client', runId: RUN, sessionId: 'S', organization: 'acme', username: 'alice', expiresAt: 1}));
    expect(state).toMatchObject({phase: 'done', session, stages: {A3: {status: 'done', durationMs: 3}}});
  });

  it('keeps at most 100 unmatched server events', () => {
    const noise = Array.from({length: 150}, (_, i) => server(step('server', 'A0.2', `r${i}`)));
    expect(play(true, ...noise).unmatched).toHaveLength(100);
  });
});

describe('handshakeReducer, classic suite', () => {
  const playClassic = (live: boolean, ...actions: HandshakeAction[]) => actions.reduce(handshakeReducer, initialHandshakeState(live, 'classic'));
  const KEY_C = 'LS0tLS1CRUdJTiBQVUJMSUMgS0VZ';
  const SERVER_RUN = 'hash-of-key';
  /** Phase 1 (messages 1–2): the server names both phases by a hash of the client's key; the client knows the key. */
  const phase1: HandshakeAction[] = [
    client({type: 'stage-start', side: 'client', stage: 'A0', runId: RUN}),
    client(step('client', 'A0.1')),
    client(message('client', 'A0', '/sessions', 'request', {public_key: KEY_C}), 10),
    server(message('server', 'A0', '/sessions', 'request', {public_key: KEY_C}, undefined, SERVER_RUN)),
    server(step('server', 'A0.2', SERVER_RUN)), server(step('server', 'A0.3', SERVER_RUN)), server(step('server', 'A0.4', SERVER_RUN)),
    client(message('client', 'A0', '/sessions', 'response', {data: {public_key: 'E_s'}, signature: 'sig'}, 200), 14),
    client(step('client', 'A0.5')), client(step('client', 'A0.6')), client(step('client', 'A1.1')), client(step('client', 'A1.2')),
  ];
  /** Phase 2 (messages 3–4) on the same path, told apart by stage; the server run is the same. */
  const phase2 = (status: number, serverSteps: string[]): HandshakeAction[] => [
    client(message('client', 'A2', '/sessions', 'request', {client_ephemeral_public_key: KEY_C, message: 'm', iv: 'i'}), 20),
    server(message('server', 'A2', '/sessions', 'request', {client_ephemeral_public_key: KEY_C}, undefined, SERVER_RUN)),
    ...serverSteps.map((id) => server(step('server', id, SERVER_RUN))),
    ...(status === 201 ? [] : [server({type: 'stage-failed', side: 'server', stage: 'A2', runId: SERVER_RUN, code: 'refused', message: `HTTP ${status}`} as unknown as HandshakeEvent)]),
    client(message('client', 'A2', '/sessions', 'response', {data: 'x', iv: 'y'}, status), 25),
  ];

  it('adopts the server run by the client key, maps both POST /sessions by stage, and takes 201 as success', () => {
    const state = playClassic(true, ...phase1, server(step('server', 'A0.2', 'another-client')), ...phase2(201, ['A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5']));
    expect(state.serverRuns).toEqual([KEY_C, SERVER_RUN]);
    expect(Object.keys(state.steps).filter((id) => id.startsWith('A2'))).toEqual(['A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5']);
    expect(state.unmatched).toHaveLength(1);
    expect(state.exchanges.a0).toMatchObject({status: 200, failed: false});
    expect(state.exchanges.a1).toMatchObject({sentAt: 20, status: 201, failed: false});
    expect(runningItem(state)).toBe('A3.1');
  });

  it('a refusal stops at the server step it failed (A2.2), whose later encrypt step is done', () => {
    const state = playClassic(true, ...phase1, ...phase2(404, ['A2.1', 'A2.5']),
      client({type: 'stage-failed', side: 'client', stage: 'A2', runId: RUN, code: 'handshake_failed', message: 'refused'}));
    expect(state.failure).toMatchObject({stage: 'A2', step: 'A2.2'});
    expect(state.steps['A2.2']).toEqual({status: 'failed'});
    expect(state.exchanges.a1).toMatchObject({status: 404, failed: true});
  });

  it('the running item without server events: the awaited answer, then the client steps (no A3.4–A3.6)', () => {
    expect(runningItem(playClassic(false, ...phase1.slice(0, 3)))).toBe('answer:a0');
    const all = playClassic(false, ...phase1, ...phase2(201, []), ...['A3.1', 'A3.2', 'A3.3'].map((id) => client(step('client', id))));
    expect(runningItem(all)).toBe('A3.7');
  });
});

