import type {AttackEvent} from '../../src/attack/types.js';
import {cellKey, SUITE_FILTERS, type AttackLabAction, type AttackLabState, type LabRun, type RunCell} from './attack-lab-state.js';

export * from './attack-lab-state.js';

const patchCell = (state: AttackLabState, key: string, patch: Partial<RunCell>): AttackLabState => {
  const cell = state.cells[key] ?? {status: 'queued', attempts: 0};
  return {...state, cells: {...state.cells, [key]: {...cell, ...patch}}};
};

const patchRun = (state: AttackLabState, patch: Partial<Extract<LabRun, {status: 'running'}>>): AttackLabState =>
  state.run.status === 'running' ? {...state, run: {...state.run, ...patch}} : state;

/** Cells the run did not finish become `cancelled`. */
const stopCells = (cells: AttackLabState['cells']) =>
  Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.status === 'done' ? cell : {...cell, status: 'cancelled' as const}]));

const labelOf = (run: LabRun): string => ('label' in run ? run.label : 'lab');

/** Folds one lab progress event into the view state. */
function foldEvent(state: AttackLabState, event: AttackEvent): AttackLabState {
  switch (event.type) {
    case 'lab-start': {
      const cells = {...state.cells};
      for (const run of event.runs) cells[cellKey(run.id, run.suite)] = {status: 'queued', attempts: 0};
      const oracle = event.runs.some((r) => r.id === 'T2' && r.suite === 'classic-retrying') ? undefined : state.oracle;
      const {label, startedAt} = state.run.status === 'running' ? state.run : {label: labelOf(state.run), startedAt: 0};
      return {...state, cells, oracle, oracleTop: undefined, run: {status: 'running', label, startedAt, total: event.runs.length, done: 0}};
    }
    case 'scenario-start':
      return patchRun(patchCell(state, cellKey(event.id, event.suite), {status: 'running'}), {current: `${event.id} ${event.suite}`, activity: event.title});
    case 'attempt': {
      const key = cellKey(event.id, event.suite);
      const next = patchCell(state, key, {attempts: (state.cells[key]?.attempts ?? 0) + 1});
      return patchRun(next, {activity: `tried: ${event.attempt.name}`});
    }
    case 'wire': {
      const e = event.entry;
      return patchRun(state, {activity: `${e.origin} ${e.method} ${e.path} ${e.action}${e.status === undefined ? '' : ` ${e.status}`}`});
    }
    case 'oracle-start':
      return {
        ...state, oracleTop: undefined,
        oracle: {
          suite: event.suite, totalBytes: event.totalBytes, blocks: event.blocks, maxQueries: event.maxQueries, timeLimitMs: event.timeLimitMs,
          bytes: new Array<number | undefined>(event.blocks * 16).fill(undefined), queries: 0, recovered: 0, elapsedMs: 0,
        },
      };
    case 'oracle-byte': {
      if (!state.oracle || state.oracle.suite !== event.suite) return state;
      const bytes = state.oracle.bytes.slice();
      bytes[event.offset] = event.value;
      return {...state, oracle: {...state.oracle, bytes, queries: event.queries, recovered: event.recovered, elapsedMs: event.elapsedMs}};
    }
    case 'scenario-done': {
      const r = event.result;
      let next = patchCell(state, cellKey(r.id, r.suite), {status: 'done', result: r, attempts: r.attempts.length});
      if (r.id === 'T2' && r.suite === 'classic-retrying' && r.oracle && next.oracle) {
        next = {...next, oracle: {...next.oracle, report: r.oracle, queries: r.oracle.queries, elapsedMs: r.oracle.elapsedMs}};
      }
      return patchRun(next, {done: state.run.status === 'running' ? state.run.done + 1 : 0, current: undefined});
    }
    case 'lab-done': {
      const passed = event.results.filter((r) => r.pass).length;
      return {...state, run: {status: 'done', label: labelOf(state.run), passed, total: event.results.length, durationMs: event.durationMs}};
    }
  }
}

/** Pure state of the attack lab screen: lab events in, what the list, detail and oracle views show out. */
export function attackLabReducer(state: AttackLabState, action: AttackLabAction): AttackLabState {
  switch (action.type) {
    case 'event':
      return foldEvent(state, action.event);
    case 'run-requested':
      return {...state, run: {status: 'running', label: action.label, startedAt: action.at, total: 0, done: 0}};
    case 'cancel-requested':
      return patchRun(state, {cancelling: true});
    case 'cancelled': {
      const counts = state.run.status === 'running' ? {done: state.run.done, total: state.run.total} : {done: 0, total: 0};
      return {...state, cells: stopCells(state.cells), run: {status: 'cancelled', label: labelOf(state.run), ...counts}};
    }
    case 'run-failed':
      return {...state, cells: stopCells(state.cells), run: {status: 'failed', label: labelOf(state.run), message: action.message}};
    case 'select': {
      const selected = Math.max(0, Math.min(action.count - 1, state.selected + action.delta));
      return selected === state.selected ? state : {...state, selected, detailScroll: 0};
    }
    case 'next-filter':
      return {...state, filter: SUITE_FILTERS[(SUITE_FILTERS.indexOf(state.filter) + 1) % SUITE_FILTERS.length], detailScroll: 0};
    case 'toggle-oracle':
      return {...state, view: state.view === 'oracle' ? 'list' : 'oracle', oracleTop: undefined};
    case 'close-oracle':
      return {...state, view: 'list'};
    case 'detail-scroll':
      return {...state, detailScroll: Math.max(0, Math.min(action.max, state.detailScroll + action.delta))};
    case 'oracle-top':
      return {...state, oracleTop: action.top};
  }
}
