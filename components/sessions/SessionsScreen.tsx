import React, {useEffect, useReducer} from 'react';
import {Box} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import type {KeyHelp} from '../keys.js';
import {initialSessionsState, selectedSession, sessionsReducer} from '../hooks/sessions-reducer.js';
import {useSessionActions} from '../hooks/useSessionActions.js';
import {useSessions} from '../hooks/useSessions.js';
import {useSessionsInput} from '../hooks/useSessionsInput.js';
import {useStoreWarnings} from '../hooks/useStoreWarnings.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import {useTextEntry} from '../text-entry.js';
import {SessionDetail} from './SessionDetail.js';
import {SessionList} from './SessionList.js';
import {SessionsFooter} from './SessionsFooter.js';
import {SessionsEmpty, SessionsError, SessionsLoading, SessionsWarnings} from './SessionsStates.js';

export const SESSIONS_KEYS: readonly KeyHelp[] = [
  {keys: 'Enter', action: 'open the selected session'},
  {keys: '/', action: 'filter by organization, username or id (Esc clears)'},
  {keys: 's', action: 'sort by created, expires, organization, username'},
  {keys: 'r', action: 'reverse the sort order'},
  {keys: 'v', action: 'verify: an authenticated request over the session (v2 whoami, classic session-roles)'},
  {keys: 'd', action: 'delete the session (asks y/n)'},
  {keys: 'e', action: 'export to a JSON file (mode 0600)'},
  {keys: 'R', action: 'detail: reveal or hide the raw key material'},
  {keys: 'PgUp/PgDn', action: 'move a page'},
  {keys: 'Esc', action: 'detail → list (clears a filter) → home'},
];

export interface SessionsScreenProps {
  /** A session to pre-select (the live handshake's "open in browser"). */
  readonly focusId?: string;
  readonly onBack: () => void;
  /** False while something covers the screen (the help overlay): its keys are then ignored. Default true. */
  readonly isActive?: boolean;
}

/** Rows the screen keeps for the app header, its own title and headings, and the footer. */
const RESERVED_ROWS = 11;

/** The stored sessions browser: hooks only; the views render the reducer's state. */
export function SessionsScreen({focusId, onBack, isActive = true}: SessionsScreenProps) {
  const deps = useDeps();
  const load = useSessions(deps.store);
  const [state, dispatch] = useReducer(sessionsReducer, focusId, initialSessionsState);
  const sessions = load.status === 'ready' ? load.sessions : undefined;
  useEffect(() => {
    if (sessions) dispatch({type: 'loaded', sessions});
  }, [sessions]);
  const warnings = useStoreWarnings(deps.storeWarnings);
  const {columns, rows} = useTerminalSize();
  const height = Math.max(3, rows - RESERVED_ROWS - (warnings.length > 0 ? 4 : 0));
  const actions = useSessionActions(deps, dispatch, load.reload);
  useSessionsInput(state, dispatch, actions, onBack, height, isActive);
  useScreenInput((input) => input === 'r' && load.reload(), {isActive: isActive && load.status === 'error'});
  useTextEntry(state.filtering || state.exporting !== undefined);

  if (load.status === 'error') return <SessionsError message={load.message} />;
  if (!state.loaded) return <SessionsLoading />;
  const selected = selectedSession(state);
  const now = Date.now();
  const width = columns - 1;
  return (
    <Box flexDirection="column" width={columns}>
      {state.sessions.length === 0 ? <SessionsEmpty /> : null}
      {state.sessions.length > 0 && state.view === 'list' ? <SessionList state={state} width={width} height={height} now={now} /> : null}
      {state.view === 'detail' && selected ? <SessionDetail session={selected} revealed={state.revealed} now={now} /> : null}
      <SessionsWarnings warnings={warnings} />
      <SessionsFooter state={state} dispatch={dispatch} onExport={actions.exportTo} isActive={isActive} />
    </Box>
  );
}
