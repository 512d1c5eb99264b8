import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from '../deps.js';
import type {HandshakeViewState} from '../hooks/handshake-reducer.js';
import {formatMs} from './diagram.js';
import {stepIn, tableOf} from './protocol-table.js';

/** Where a failed run stopped, in words: `Stopped at A2.2 verify (server), nothing stored`. */
export function stoppedAt(state: HandshakeViewState): string {
  const step = state.failure?.step ? stepIn(tableOf(state.suite), state.failure.step) : undefined;
  if (step) return `Stopped at ${step.id} ${step.action} (${step.side}), nothing stored`;
  const noAnswer = Object.values(state.exchanges).some((e) => e?.failed && e.status === undefined);
  if (state.failure?.stage) return `Stopped at stage ${state.failure.stage}${noAnswer ? ' (no answer)' : ''}, nothing stored`;
  return 'Stopped before A0: nothing sent, nothing stored';
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', {hour12: false});

/** Below the lanes: progress, the stored session's summary, or where and why the run stopped. */
export function Outcome({state, url}: {readonly state: HandshakeViewState; readonly url: string}) {
  const {theme} = useDeps();
  if (state.phase === 'running') return <Text color={theme.muted}>running the handshake with {url}…</Text>;
  if (state.phase === 'failed') {
    return (
      <Box flexDirection="column">
        <Box>
          <Text color={theme.error} bold wrap="truncate-end">✗ {stoppedAt(state)}</Text>
          <Box flexShrink={0}><Text color={theme.muted}>  r retry · h home · Esc back</Text></Box>
        </Box>
        <Text wrap="wrap">{state.failure?.sentence ?? 'the handshake failed'}</Text>
      </Box>
    );
  }
  const session = state.session;
  const total = Object.values(state.stages).reduce((sum, stage) => sum + (stage?.durationMs ?? 0), 0);
  const minutes = session ? Math.round((Date.parse(session.expiresAt) - Date.now()) / 60000) : 0;
  return (
    <Box flexDirection="column">
      <Text color={theme.success} bold wrap="truncate-end">✓ Session {session?.id ?? ''} stored</Text>
      {session ? (
        <Text wrap="truncate-end">
          {session.organization}/{session.username} · {session.suite} · expires {clock(session.expiresAt)} (in {minutes} min) · {formatMs(total)}
        </Text>
      ) : null}
      <Text color={theme.muted}>Enter open in Stored sessions · h home · Esc back</Text>
    </Box>
  );
}
