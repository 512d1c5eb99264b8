import React, {useState} from 'react';
import {Box} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {suiteTarget} from '../suites.js';
import {isBack, isEnter, type KeyHelp} from '../keys.js';
import type {SessionRequest} from '../hooks/app-reducer.js';
import {useColumns} from '../hooks/useColumns.js';
import {useHandshake} from '../hooks/useHandshake.js';
import {Lanes} from './Lanes.js';
import {Outcome} from './Outcome.js';
import {StageStrip} from './StageStrip.js';

export const HANDSHAKE_KEYS: readonly KeyHelp[] = [
  {keys: 'Enter / o', action: 'open the new session in Stored sessions'},
  {keys: 'r', action: 'try again (after a failure)'},
  {keys: 'h', action: 'home'},
  {keys: 'Esc', action: 'back'},
];

export interface HandshakeScreenProps {
  readonly request: SessionRequest;
  readonly onHome: () => void;
  readonly onBack: () => void;
  readonly onOpenSession: (id: string) => void;
}

/** The live handshake: both lanes as a sequence diagram, then the stored session or where it stopped. */
export function HandshakeScreen(props: HandshakeScreenProps) {
  const [attempt, setAttempt] = useState(0);
  return <HandshakeRun key={attempt} {...props} onRetry={() => setAttempt((n) => n + 1)} />;
}

function HandshakeRun({request, onHome, onBack, onOpenSession, onRetry}: HandshakeScreenProps & {readonly onRetry: () => void}) {
  const deps = useDeps();
  const state = useHandshake(deps, request);
  const columns = useColumns();
  useScreenInput((input, key) => {
    if (isBack(input, key)) onBack();
    else if (input === 'h') onHome();
    else if (state.phase === 'done' && state.session && (isEnter(input, key) || input === 'o')) onOpenSession(state.session.id);
    else if (state.phase === 'failed' && input === 'r') onRetry();
  });
  return (
    <Box flexDirection="column" width={columns}>
      <StageStrip state={state} request={request} />
      <Lanes state={state} columns={columns} />
      <Outcome state={state} url={suiteTarget(deps, request.suite)?.url ?? deps.repository.url} />
    </Box>
  );
}
