import React from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import type {StoredSession} from '../../src/store/session-record.js';
import {useDeps} from '../deps.js';
import type {SessionsAction, SessionsState} from '../hooks/sessions-reducer.js';

export interface SessionsFooterProps {
  readonly state: SessionsState;
  readonly dispatch: (action: SessionsAction) => void;
  readonly onExport: (session: StoredSession, path: string) => void;
  /** Whether the export path field takes keys. */
  readonly isActive: boolean;
}

const HINTS = {
  list: 'Enter open · / filter · s/r sort · v verify · d delete · e export · ? keys',
  filter: 'type to filter by organization, username or id · Enter keeps it · Esc clears',
  detail: 'R reveal keys · v verify · d delete · e export · Esc list · ? keys',
  revealed: 'R hide keys · v verify · d delete · e export · Esc list · ? keys',
} as const;

/** The bottom lines: a y/n question, the export path field, or the last action's outcome; then the keys. */
export function SessionsFooter({state, dispatch, onExport, isActive}: SessionsFooterProps) {
  const {theme} = useDeps();
  const find = (id: string) => state.sessions.find((s) => s.id === id);
  const {confirm, exporting, notice} = state;
  let line: React.ReactNode = null;
  if (confirm?.kind === 'delete') {
    const s = find(confirm.id);
    line = <Text color={theme.warning}>Delete session {confirm.id.slice(0, 8)}… ({s?.organization}/{s?.username})? y/n</Text>;
  } else if (confirm?.kind === 'overwrite') {
    line = <Text color={theme.warning}>{confirm.path} exists. Replace it? y/n</Text>;
  } else if (exporting) {
    const session = find(exporting.id);
    line = (
      <Box>
        <Text bold>Export to </Text>
        <TextInput focus={isActive} value={exporting.path} onChange={(path) => dispatch({type: 'export-set', path})}
          onSubmit={(path) => session && onExport(session, path)} />
      </Box>
    );
  } else if (notice) {
    const colour = notice.tone === 'error' ? theme.error : notice.tone === 'success' ? theme.success : theme.accent;
    line = (
      <Text color={colour}>
        {notice.tone === 'running' ? <Spinner type="dots" /> : notice.tone === 'success' ? '✓' : '✗'} {notice.text}
      </Text>
    );
  }
  const hints = exporting ? 'Enter writes the file (mode 0600) · Esc cancels' : confirm ? 'y yes · n or Esc no'
    : state.filtering ? HINTS.filter : state.revealed ? HINTS.revealed : HINTS[state.view];
  return (
    <Box flexDirection="column" marginTop={1}>
      {line}
      <Text color={theme.muted} wrap="truncate-end">{hints}</Text>
    </Box>
  );
}
