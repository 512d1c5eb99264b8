import {attackLabReducer, cellKey, initialAttackLabState, type AttackLabAction, type AttackLabState} from '../../../components/hooks/attack-lab-reducer.js';
import type {AttackEvent, AttackResult, LabSuite, ScenarioId} from '../../../src/attack/types.js';

const fold = (actions: readonly AttackLabAction[], state: AttackLabState = initialAttackLabState()) => actions.reduce(attackLabReducer, state);
const ev = (event: AttackEvent): AttackLabAction => ({type: 'event', event});

function result(id: ScenarioId, suite: LabSuite, verdict: AttackResult['verdict'], expected: AttackResult['verdict'], extra: Partial<AttackResult> = {}): AttackResult {
  return {
    id, suite, verdict, expected, pass: verdict === expected, title: 'bit flip', attacker: 'net', action: 'flipped a bit', client: 'aborted',
    server: '401', check: 'A2.1 GCM', attempts: [{name: 'flip', server: '401', succeeded: false}], detail: '', durationMs: 12, ...extra,
  };
}

const runs = [{id: 'T1', suite: 'v2'}, {id: 'T1', suite: 'classic'}] as const;

describe('attackLabReducer: lab events', () => {
  it('lab-start queues every planned run and counts them; scenario-start, attempt and wire show progress', () => {
    const state = fold([
      {type: 'run-requested', label: 'T1 on v2 + classic', at: 1000}, ev({type: 'lab-start', runs}),
      ev({type: 'scenario-start', id: 'T1', suite: 'v2', title: 'bit flip', attacker: 'net'}),
      ev({type: 'attempt', id: 'T1', suite: 'v2', attempt: {name: 'flip one bit of A1 tag', server: '401', succeeded: false}}),
    ]);
    expect(state.cells[cellKey('T1', 'v2')]).toEqual({status: 'running', attempts: 1});
    expect(state.cells[cellKey('T1', 'classic')]).toEqual({status: 'queued', attempts: 0});
    expect(state.run).toMatchObject({status: 'running', label: 'T1 on v2 + classic', startedAt: 1000, total: 2, done: 0, current: 'T1 v2', activity: 'tried: flip one bit of A1 tag'});
    const wired = attackLabReducer(state, ev({type: 'wire', id: 'T1', suite: 'v2', entry: {seq: 1, origin: 'client', method: 'POST', path: '/v2/session/a1', action: 'altered', status: 401}}));
    expect(wired.run).toMatchObject({activity: 'client POST /v2/session/a1 altered 401'});
  });

  it('scenario-done stores the result; lab-done gives the pass count and duration', () => {
    const state = fold([
      {type: 'run-requested', label: 'lab', at: 0}, ev({type: 'lab-start', runs}),
      ev({type: 'scenario-done', result: result('T1', 'v2', 'blocked', 'blocked')}),
      ev({type: 'scenario-done', result: result('T1', 'classic', 'succeeded', 'blocked')}),
    ]);
    expect(state.cells[cellKey('T1', 'v2')]).toMatchObject({status: 'done', attempts: 1, result: {verdict: 'blocked', pass: true}});
    expect(state.run).toMatchObject({status: 'running', done: 2, total: 2});
    const done = attackLabReducer(state, ev({type: 'lab-done', results: [result('T1', 'v2', 'blocked', 'blocked'), result('T1', 'classic', 'succeeded', 'blocked')], durationMs: 4321}));
    expect(done.run).toEqual({status: 'done', label: 'lab', passed: 1, total: 2, durationMs: 4321});
  });

  it('a later run re-queues only its own cells and keeps the other results', () => {
    const first = fold([ev({type: 'lab-start', runs}), ev({type: 'scenario-done', result: result('T1', 'v2', 'blocked', 'blocked')})]);
    const second = fold([{type: 'run-requested', label: 'T14', at: 0}, ev({type: 'lab-start', runs: [{id: 'T14', suite: 'v2'}]})], first);
    expect(second.cells[cellKey('T1', 'v2')].status).toBe('done');
    expect(second.cells[cellKey('T14', 'v2')].status).toBe('queued');
  });
});

describe('attackLabReducer: the padding oracle', () => {
  const started = fold([
    {type: 'run-requested', label: 'T2', at: 0},
    ev({type: 'lab-start', runs: [{id: 'T2', suite: 'v2'}, {id: 'T2', suite: 'classic'}, {id: 'T2', suite: 'classic-retrying'}]}),
    ev({type: 'oracle-start', suite: 'classic-retrying', totalBytes: 20, blocks: 2, maxQueries: 500, timeLimitMs: 3000}),
  ]);

  it('oracle-start lays out every ciphertext byte as unknown', () => {
    expect(started.oracle).toMatchObject({suite: 'classic-retrying', totalBytes: 20, blocks: 2, queries: 0, recovered: 0, maxQueries: 500});
    expect(started.oracle!.bytes).toHaveLength(32);
    expect(started.oracle!.bytes.every((b) => b === undefined)).toBe(true);
  });

  it('oracle-byte fills one byte with the query count and elapsed time; bytes come from the end of each block', () => {
    const state = fold([
      ev({type: 'oracle-byte', suite: 'classic-retrying', offset: 15, value: 0x7d, queries: 42, recovered: 1, elapsedMs: 30}),
      ev({type: 'oracle-byte', suite: 'classic-retrying', offset: 31, value: 12, queries: 80, recovered: 2, elapsedMs: 55}),
      ev({type: 'oracle-byte', suite: 'classic-retrying', offset: 14, value: 0x22, queries: 120, recovered: 3, elapsedMs: 70}),
    ], started);
    expect(state.oracle!.bytes[15]).toBe(0x7d);
    expect(state.oracle!.bytes[14]).toBe(0x22);
    expect(state.oracle!.bytes[31]).toBe(12);
    expect(state.oracle!.bytes.filter((b) => b !== undefined)).toHaveLength(3);
    expect(state.oracle).toMatchObject({queries: 120, recovered: 3, elapsedMs: 70});
    expect(started.oracle!.bytes[15]).toBeUndefined();
  });

  it('ignores bytes for another suite or before oracle-start', () => {
    const byte = ev({type: 'oracle-byte', suite: 'classic', offset: 0, value: 1, queries: 1, recovered: 1, elapsedMs: 1});
    expect(attackLabReducer(started, byte)).toBe(started);
    expect(attackLabReducer(initialAttackLabState(), byte).oracle).toBeUndefined();
  });

  it('the scenario result gives the final figures', () => {
    const oracle = {queries: 900, bytesRecovered: 20, totalBytes: 20, wrongBytes: 0, preview: '', stoppedBy: 'complete', elapsedMs: 810} as const;
    const state = attackLabReducer(started, ev({type: 'scenario-done', result: result('T2', 'classic-retrying', 'succeeded', 'succeeded', {oracle})}));
    expect(state.oracle).toMatchObject({report: oracle, queries: 900, elapsedMs: 810});
  });
});

describe('attackLabReducer: cancel, failure and navigation', () => {
  it('a cancel marks what did not finish as cancelled', () => {
    const state = fold([
      {type: 'run-requested', label: 'lab', at: 0}, ev({type: 'lab-start', runs}),
      ev({type: 'scenario-done', result: result('T1', 'v2', 'blocked', 'blocked')}), {type: 'cancel-requested'},
    ]);
    expect(state.run).toMatchObject({status: 'running', cancelling: true});
    const cancelled = attackLabReducer(state, {type: 'cancelled'});
    expect(cancelled.run).toEqual({status: 'cancelled', label: 'lab', done: 1, total: 2});
    expect(cancelled.cells[cellKey('T1', 'v2')].status).toBe('done');
    expect(cancelled.cells[cellKey('T1', 'classic')].status).toBe('cancelled');
    expect(attackLabReducer(state, {type: 'run-failed', message: 'EADDRINUSE'}).run).toEqual({status: 'failed', label: 'lab', message: 'EADDRINUSE'});
  });

  it('select stays in the list and resets the detail scroll; Tab cycles the suites; o toggles the oracle view', () => {
    let state = fold([{type: 'select', delta: -1, count: 14}]);
    expect(state.selected).toBe(0);
    state = fold([{type: 'detail-scroll', delta: 5, max: 3}], state);
    expect(state.detailScroll).toBe(3);
    state = fold([{type: 'select', delta: 20, count: 14}], state);
    expect(state).toMatchObject({selected: 13, detailScroll: 0});
    expect(fold([{type: 'next-filter'}]).filter).toBe('v2');
    expect(fold([{type: 'next-filter'}, {type: 'next-filter'}, {type: 'next-filter'}]).filter).toBe('both');
    expect(fold([{type: 'toggle-oracle'}]).view).toBe('oracle');
    expect(fold([{type: 'toggle-oracle'}, {type: 'oracle-top', top: 3}, {type: 'close-oracle'}])).toMatchObject({view: 'list', oracleTop: 3});
  });
});
