import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from '../deps.js';
import type {HandshakeViewState} from '../hooks/handshake-reducer.js';
import {arrowText, fit, laneWidths, messageLabel, observedText, runningItem, stepCellText, type DiagramRow} from './diagram.js';
import {stepIn, tableOf} from './protocol-table.js';
import {StatusIcon, type IconStatus} from './StatusIcon.js';

export interface LanesProps {
  readonly state: HandshakeViewState;
  readonly columns: number;
}

/** The sequence diagram: client lane | messages | server lane, one row per step (the suite's diagram: v2 DIAGRAM, CLASSIC_DIAGRAM). */
export function Lanes({state, columns}: LanesProps) {
  const {theme} = useDeps();
  const {lane, middle} = laneWidths(columns);
  const running = runningItem(state);
  const titles = state.live ? ['SERVER (in-process: its own events)', 'SERVER (in-process)'] : ['SERVER (external: what the client sees)', 'SERVER (external)'];
  const serverTitle = titles.find((title) => title.length <= lane) ?? 'SERVER';
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={lane + middle}><Text bold color={theme.client}>CLIENT</Text></Box>
        <Box width={lane}><Text bold color={theme.server}>{fit(serverTitle, lane)}</Text></Box>
      </Box>
      {tableOf(state.suite).diagram.map((row, i) => (
        <Box key={i}>
          <StepCell id={row.client} state={state} running={running} width={lane} />
          <Arrow row={row} state={state} width={middle} />
          {state.live ? <StepCell id={row.server} state={state} running={running} width={lane} /> : <ObservedCell row={row} state={state} running={running} width={lane} />}
        </Box>
      ))}
    </Box>
  );
}

interface CellProps {
  readonly id?: string;
  readonly state: HandshakeViewState;
  readonly running?: string;
  readonly width: number;
}

const iconStatus = (status: 'done' | 'failed' | undefined, running: boolean): IconStatus => status ?? (running ? 'running' : 'pending');

function StepCell({id, state, running, width}: CellProps) {
  const {theme} = useDeps();
  const info = id ? stepIn(tableOf(state.suite), id) : undefined;
  if (!id || !info) return <Box width={width} />;
  const view = state.steps[id];
  const status = iconStatus(view?.status, running === id);
  const text = stepCellText(info, view?.durationMs, width);
  const colour = status === 'failed' ? theme.error : status === 'pending' ? theme.muted : undefined;
  return (
    <Box width={width}>
      <StatusIcon status={status} />
      <Text> </Text>
      <Text color={status === 'pending' ? theme.muted : info.side === 'client' ? theme.client : theme.server}>{text.slice(0, id.length)}</Text>
      <Text color={colour}>{text.slice(id.length)}</Text>
    </Box>
  );
}

/** Without server events: on each request's row, what the client observed of the answer. */
function ObservedCell({row, state, running, width}: {readonly row: DiagramRow} & Omit<CellProps, 'id'>) {
  const {theme} = useDeps();
  const request = row.message?.direction === 'request' ? row.message.exchange : undefined;
  if (!request) return <Box width={width} />;
  const view = state.exchanges[request];
  const status: IconStatus = view?.failed ? 'failed' : view?.status !== undefined ? 'done' : running === `answer:${request}` ? 'running' : 'pending';
  return (
    <Box width={width}>
      <StatusIcon status={status} />
      <Text color={status === 'failed' ? theme.error : status === 'pending' ? theme.muted : undefined}> {fit(observedText(view), width - 2)}</Text>
    </Box>
  );
}

function Arrow({row, state, width}: {readonly row: DiagramRow; readonly state: HandshakeViewState; readonly width: number}) {
  const {theme} = useDeps();
  if (!row.message) return <Box width={width} />;
  const {exchange, direction} = row.message;
  const info = tableOf(state.suite).exchanges.find((e) => e.id === exchange);
  const view = state.exchanges[exchange];
  const full = messageLabel(view, direction === 'request' ? info?.request ?? '' : info?.answer ?? '', direction, info?.okStatus);
  // A refusal's code does not fit a narrow arrow: the status and ✗ say enough (the sentence below says why).
  const label = full !== undefined && full.length > width - 5 && view?.status !== undefined ? `${view.status} ✗` : full;
  const failed = direction === 'answer' && view?.failed === true;
  const colour = label === undefined ? theme.muted : failed ? theme.error : direction === 'request' ? theme.client : theme.server;
  return (
    <Box width={width}>
      <Text color={colour}>{label === undefined ? ` ${'┈'.repeat(width - 2)} ` : arrowText(label, direction, width)}</Text>
    </Box>
  );
}
