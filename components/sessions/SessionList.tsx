import React from 'react';
import {Box, Text} from 'ink';
import type {StoredSession} from '../../src/store/session-record.js';
import {useDeps} from '../deps.js';
import {selectedIndex, visibleSessions, type SessionsState} from '../hooks/sessions-reducer.js';
import {cell, isExpired, shortDate, shortServer} from './format.js';
import {listColumns, windowStart, type ListColumns} from './list-layout.js';

export interface SessionListProps {
  readonly state: SessionsState;
  readonly width: number;
  /** Rows available for sessions (the list scrolls within them). */
  readonly height: number;
  readonly now: number;
}

const date = (iso: string, width: number) => (width >= 16 ? shortDate(iso) : shortDate(iso).slice(5));

function row(s: StoredSession, c: ListColumns): string {
  const server = c.server > 0 ? ` ${cell(shortServer(s.serverUrl), c.server)}` : '';
  return `${cell(s.organization, c.organization)} ${cell(s.username, c.username)} ${cell(s.suite, c.suite)}${server} ${cell(date(s.createdAt, c.date), c.date)} `;
}

/** The sessions table: a title with count, sort and filter, column headings, and a scrolling window of rows. */
export function SessionList({state, width, height, now}: SessionListProps) {
  const {theme} = useDeps();
  const visible = visibleSessions(state);
  const index = selectedIndex(state, visible);
  const columns = listColumns(width, Math.max(5, ...visible.map((s) => s.suite.length)));
  const start = windowStart(index, visible.length, height);
  const shown = visible.slice(start, start + height);
  const range = visible.length > height ? ` · ${start + 1}–${start + shown.length} of ${visible.length}` : '';
  const heading = `${cell('organization', columns.organization)} ${cell('username', columns.username)} ${cell('suite', columns.suite)}` +
    `${columns.server > 0 ? ` ${cell('server', columns.server)}` : ''} ${cell('created', columns.date)} expires`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{state.filter === '' ? '' : `${visible.length} of `}{state.sessions.length} stored session{state.sessions.length === 1 ? '' : 's'}</Text>
        <Text color={theme.muted}> · sorted by {state.sort} {state.descending ? '↓' : '↑'}{range}</Text>
        {state.filter !== '' || state.filtering ? <Text color={theme.accent}> · filter: {state.filter}{state.filtering ? '▏' : ''}</Text> : null}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">{'  '}{heading}</Text>
      {shown.length === 0 ? <Text color={theme.muted}>  No session matches “{state.filter}”: Esc clears the filter.</Text> : null}
      {shown.map((s) => {
        const selected = s.id === visible[index]?.id;
        const expired = isExpired(s, now);
        return (
          <Text key={s.id} wrap="truncate-end" color={selected ? theme.selected : undefined} bold={selected}>
            {selected ? '❯ ' : '  '}{row(s, columns)}
            <Text color={expired ? theme.warning : undefined}>{expired ? 'expired' : date(s.expiresAt, columns.date)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
