import {
  initialSessionsState, selectedSession, sessionsReducer, visibleSessions, type SessionsAction, type SessionsState,
} from '../../../components/hooks/sessions-reducer.js';
import {fakeSession} from '../../helpers/sessions.js';

const a = fakeSession({id: 'aaaa1111', organization: 'acme', username: 'zoe', createdAt: '2030-01-01T10:00:00Z', expiresAt: '2030-01-03T10:00:00Z'});
const b = fakeSession({id: 'bbbb2222', organization: 'globex', username: 'alice', createdAt: '2030-01-02T10:00:00Z', expiresAt: '2030-01-02T12:00:00Z'});
const c = fakeSession({id: 'cccc3333', organization: 'initech', username: 'bob', createdAt: '2030-01-03T10:00:00Z', expiresAt: '2030-01-04T10:00:00Z'});

const run = (state: SessionsState, ...actions: SessionsAction[]) => actions.reduce(sessionsReducer, state);
const loaded = (focusId?: string) => run(initialSessionsState(focusId), {type: 'loaded', sessions: [a, b, c]});
const order = (state: SessionsState) => visibleSessions(state).map((s) => s.id.slice(0, 4));

describe('sessionsReducer', () => {
  it('starts loading, then lists newest first with the first session selected', () => {
    expect(initialSessionsState().loaded).toBe(false);
    const state = loaded();
    expect(state.loaded).toBe(true);
    expect(order(state)).toEqual(['cccc', 'bbbb', 'aaaa']);
    expect(selectedSession(state)?.id).toBe(c.id);
  });

  it('cycles the sort through created, expires, organization, username and reverses it', () => {
    let state = run(loaded(), {type: 'cycle-sort'});
    expect([state.sort, order(state)]).toEqual(['expires', ['cccc', 'aaaa', 'bbbb']]);
    state = run(state, {type: 'cycle-sort'});
    expect([state.sort, order(state)]).toEqual(['organization', ['aaaa', 'bbbb', 'cccc']]);
    state = run(state, {type: 'cycle-sort'});
    expect([state.sort, order(state)]).toEqual(['username', ['bbbb', 'cccc', 'aaaa']]);
    state = run(state, {type: 'reverse-sort'});
    expect(order(state)).toEqual(['aaaa', 'cccc', 'bbbb']);
    state = run(state, {type: 'cycle-sort'});
    expect([state.sort, state.descending, order(state)]).toEqual(['created', true, ['cccc', 'bbbb', 'aaaa']]);
  });

  it('keeps the selected session selected across sorting', () => {
    const state = run(loaded(), {type: 'move', delta: 1}, {type: 'cycle-sort'}, {type: 'reverse-sort'});
    expect(selectedSession(state)?.id).toBe(b.id);
  });

  it('filters by organization, username or id prefix, case-insensitively, and clears', () => {
    let state = run(loaded(), {type: 'filter-start'}, {type: 'filter-set', text: 'GLOB'});
    expect(state.filtering).toBe(true);
    expect(order(state)).toEqual(['bbbb']);
    expect(selectedSession(state)?.id).toBe(b.id);
    expect(order(run(state, {type: 'filter-set', text: 'bob'}))).toEqual(['cccc']);
    expect(order(run(state, {type: 'filter-set', text: 'aaaa1'}))).toEqual(['aaaa']);
    expect(order(run(state, {type: 'filter-set', text: 'nobody'}))).toEqual([]);
    expect(selectedSession(run(state, {type: 'filter-set', text: 'nobody'}))).toBeUndefined();
    state = run(state, {type: 'filter-done'});
    expect([state.filtering, state.filter]).toEqual([false, 'GLOB']);
    state = run(state, {type: 'filter-clear'});
    expect([state.filter, order(state).length, selectedSession(state)?.id]).toEqual(['', 3, b.id]);
  });

  it('keeps the selection within bounds', () => {
    let state = run(loaded(), {type: 'move', delta: -1});
    expect(selectedSession(state)?.id).toBe(c.id);
    state = run(state, {type: 'move', delta: 1}, {type: 'move', delta: 1}, {type: 'move', delta: 1});
    expect(selectedSession(state)?.id).toBe(a.id);
    expect(selectedSession(run(state, {type: 'move', delta: -100}))?.id).toBe(c.id);
    const empty = run(initialSessionsState(), {type: 'loaded', sessions: []}, {type: 'move', delta: 1}, {type: 'open'});
    expect([selectedSession(empty), empty.view]).toEqual([undefined, 'list']);
  });

  it('pre-selects the focused session, falling back to the first when it is missing', () => {
    expect(selectedSession(loaded(b.id))?.id).toBe(b.id);
    expect(selectedSession(loaded('nope'))?.id).toBe(c.id);
  });

  it('moves the selection to the neighbour when the selected session disappears, and leaves its detail', () => {
    let state = run(loaded(), {type: 'move', delta: 1}, {type: 'open'});
    expect(state.view).toBe('detail');
    state = run(state, {type: 'loaded', sessions: [a, c]});
    expect([state.view, selectedSession(state)?.id]).toEqual(['list', a.id]);
  });

  it('reveals key material only in the detail, and hides it again on leaving', () => {
    let state = run(loaded(), {type: 'toggle-reveal'});
    expect(state.revealed).toBe(false);
    state = run(state, {type: 'open'}, {type: 'toggle-reveal'});
    expect([state.view, state.revealed]).toEqual(['detail', true]);
    state = run(state, {type: 'close'});
    expect([state.view, state.revealed]).toEqual(['list', false]);
    expect(run(state, {type: 'open'}).revealed).toBe(false);
  });

  it('asks before deleting or overwriting and forgets the question on cancel', () => {
    let state = run(loaded(), {type: 'ask', confirm: {kind: 'delete', id: c.id}});
    expect(state.confirm).toEqual({kind: 'delete', id: c.id});
    state = run(state, {type: 'cancel'});
    expect(state.confirm).toBeUndefined();
    state = run(state, {type: 'export-start', id: c.id, path: '/tmp/x.json'}, {type: 'export-set', path: '/tmp/y.json'});
    expect(state.exporting).toEqual({id: c.id, path: '/tmp/y.json'});
    state = run(state, {type: 'ask', confirm: {kind: 'overwrite', id: c.id, path: '/tmp/y.json'}});
    expect([state.exporting, state.confirm?.kind]).toEqual([undefined, 'overwrite']);
    expect(run(state, {type: 'cancel'})).toMatchObject({confirm: undefined, exporting: undefined});
  });

  it('records the outcome of an action', () => {
    const notice = {id: c.id, tone: 'success', text: 'done'} as const;
    expect(run(loaded(), {type: 'notice', notice}).notice).toEqual(notice);
  });
});
