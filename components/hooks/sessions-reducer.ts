import type {StoredSession} from '../../src/store/session-record.js';

/** Columns the list can be sorted by, in the order the sort key cycles through them. */
export const SORT_KEYS = ['created', 'expires', 'organization', 'username'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A question waiting for y/n. */
export type Confirm =
  | {readonly kind: 'delete'; readonly id: string}
  | {readonly kind: 'overwrite'; readonly id: string; readonly path: string};

/** The outcome line of the last action (verify, delete, export). */
export interface Notice {
  readonly id: string;
  readonly tone: 'running' | 'success' | 'error';
  readonly text: string;
}

/** The sessions browser: the loaded list plus sort, filter, selection, detail and confirmation state. */
export interface SessionsState {
  /** False until the store was read once. */
  readonly loaded: boolean;
  readonly sessions: readonly StoredSession[];
  readonly sort: SortKey;
  readonly descending: boolean;
  readonly filter: string;
  /** The filter field has focus (keys are text). */
  readonly filtering: boolean;
  /** Selection by id, so it survives sorting, filtering and reloads. */
  readonly selectedId?: string;
  readonly view: 'list' | 'detail';
  /** Raw key material shown (detail only; hidden again on leaving it). */
  readonly revealed: boolean;
  readonly confirm?: Confirm;
  /** The export path being edited, for session `id`. */
  readonly exporting?: {readonly id: string; readonly path: string};
  readonly notice?: Notice;
}

export type SessionsAction =
  | {readonly type: 'loaded'; readonly sessions: readonly StoredSession[]}
  | {readonly type: 'move'; readonly delta: number}
  | {readonly type: 'cycle-sort'}
  | {readonly type: 'reverse-sort'}
  | {readonly type: 'filter-start'}
  | {readonly type: 'filter-set'; readonly text: string}
  | {readonly type: 'filter-done'}
  | {readonly type: 'filter-clear'}
  | {readonly type: 'open'}
  | {readonly type: 'close'}
  | {readonly type: 'toggle-reveal'}
  | {readonly type: 'ask'; readonly confirm: Confirm}
  | {readonly type: 'export-start'; readonly id: string; readonly path: string}
  | {readonly type: 'export-set'; readonly path: string}
  | {readonly type: 'cancel'}
  | {readonly type: 'notice'; readonly notice: Notice | undefined};

/** Dates sort newest first, names A to Z, unless reversed. */
const DESCENDING_BY_DEFAULT: Record<SortKey, boolean> = {created: true, expires: true, organization: false, username: false};

export const initialSessionsState = (focusId?: string): SessionsState => ({
  loaded: false, sessions: [], sort: 'created', descending: true, filter: '', filtering: false, selectedId: focusId, view: 'list', revealed: false,
});

const compare: Record<SortKey, (a: StoredSession, b: StoredSession) => number> = {
  created: (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
  expires: (a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt),
  organization: (a, b) => a.organization.localeCompare(b.organization) || a.username.localeCompare(b.username),
  username: (a, b) => a.username.localeCompare(b.username) || a.organization.localeCompare(b.organization),
};

/** Whether a session matches the filter text (organization, username or id; case-insensitive). */
export function matchesFilter(session: StoredSession, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [session.organization, session.username, session.id].some((field) => field.toLowerCase().includes(needle));
}

/** The sessions as shown: filtered, then sorted (ties by id, so the order is stable). */
export function visibleSessions(state: SessionsState): readonly StoredSession[] {
  const sign = state.descending ? -1 : 1;
  return state.sessions
    .filter((s) => matchesFilter(s, state.filter))
    .sort((a, b) => sign * compare[state.sort](a, b) || a.id.localeCompare(b.id));
}

/** Index of the selected session among the visible ones (0 when none is selected or it is filtered out). */
export function selectedIndex(state: SessionsState, visible = visibleSessions(state)): number {
  const index = visible.findIndex((s) => s.id === state.selectedId);
  return index < 0 ? 0 : index;
}

/** The selected session, if any is visible. */
export function selectedSession(state: SessionsState): StoredSession | undefined {
  const visible = visibleSessions(state);
  return visible[selectedIndex(state, visible)];
}

/** Re-anchors the selection on a visible session (keeps the position when the selected one vanished). */
function reselect(previous: SessionsState, next: SessionsState): SessionsState {
  const visible = visibleSessions(next);
  if (visible.some((s) => s.id === next.selectedId)) return next;
  const before = visibleSessions(previous);
  const index = Math.min(selectedIndex(previous, before), visible.length - 1);
  return {...next, selectedId: index >= 0 ? visible[index].id : next.selectedId};
}

/** Pure state transitions of the sessions browser. */
export function sessionsReducer(state: SessionsState, action: SessionsAction): SessionsState {
  switch (action.type) {
    case 'loaded': {
      const next = reselect(state, {...state, loaded: true, sessions: action.sessions});
      const gone = next.view === 'detail' && !action.sessions.some((s) => s.id === state.selectedId);
      return gone ? {...next, view: 'list', revealed: false} : next;
    }
    case 'move': {
      const visible = visibleSessions(state);
      if (visible.length === 0) return state;
      const index = Math.max(0, Math.min(visible.length - 1, selectedIndex(state, visible) + action.delta));
      return {...state, selectedId: visible[index].id};
    }
    case 'cycle-sort': {
      const sort = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length];
      return {...state, sort, descending: DESCENDING_BY_DEFAULT[sort]};
    }
    case 'reverse-sort':
      return {...state, descending: !state.descending};
    case 'filter-start':
      return {...state, filtering: true, view: 'list', revealed: false};
    case 'filter-set':
      return reselect(state, {...state, filter: action.text});
    case 'filter-done':
      return {...state, filtering: false};
    case 'filter-clear':
      return reselect(state, {...state, filter: '', filtering: false});
    case 'open':
      return selectedSession(state) ? {...state, selectedId: selectedSession(state)?.id, view: 'detail', revealed: false} : state;
    case 'close':
      return {...state, view: 'list', revealed: false, confirm: undefined, exporting: undefined};
    case 'toggle-reveal':
      return state.view === 'detail' ? {...state, revealed: !state.revealed} : state;
    case 'ask':
      return {...state, confirm: action.confirm, exporting: undefined};
    case 'export-start':
      return {...state, exporting: {id: action.id, path: action.path}, confirm: undefined};
    case 'export-set':
      return state.exporting ? {...state, exporting: {...state.exporting, path: action.path}} : state;
    case 'cancel':
      return {...state, confirm: undefined, exporting: undefined};
    case 'notice':
      return {...state, notice: action.notice};
  }
}
