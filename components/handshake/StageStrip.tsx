import React from 'react';
import {Box, Text} from 'ink';
import type {StageId} from '../../src/protocol/errors.js';
import {useDeps} from '../deps.js';
import type {SessionRequest} from '../hooks/app-reducer.js';
import type {HandshakeViewState} from '../hooks/handshake-reducer.js';
import {formatMs} from './diagram.js';
import {StatusIcon} from './StatusIcon.js';

const STAGES: readonly StageId[] = ['A0', 'A1', 'A2', 'A3'];

/** One line: who is connecting, then A0–A3 with their status and time (the client's view of each stage). */
export function StageStrip({state, request}: {readonly state: HandshakeViewState; readonly request: SessionRequest}) {
  const {theme} = useDeps();
  return (
    <Box>
      <Text bold wrap="truncate-end">{request.organization}/{request.username}</Text>
      <Text color={theme.muted}> · {request.suite} </Text>
      {STAGES.map((stage) => {
        const view = state.stages[stage];
        return (
          <Box key={stage} marginLeft={2}>
            <Text bold>{stage} </Text>
            <StatusIcon status={view?.status ?? 'pending'} />
            {view?.durationMs !== undefined ? <Text color={theme.muted}> {formatMs(view.durationMs)}</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}
