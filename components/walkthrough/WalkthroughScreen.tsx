import React from 'react';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import {useWalkthrough} from '../hooks/useWalkthrough.js';
import {isBack, isDown, isEnter, isLeft, isRight, isUp, type KeyHelp} from '../keys.js';
import {LineView} from './LineView.js';
import {screenLines} from './screen-lines.js';

export const WALKTHROUGH_KEYS: readonly KeyHelp[] = [
  {keys: '→ / Enter / l', action: 'next step'},
  {keys: '← / h', action: 'previous step'},
  {keys: 'g / G', action: 'first / last step'},
  {keys: '↑/↓ or k/j', action: 'select a field, or scroll'},
  {keys: 'Space / x', action: 'expand or fold the selected field'},
  {keys: 'Tab', action: 'bytes · key schedule · transcript'},
  {keys: 'e', action: 'export the JSON trace and Markdown'},
  {keys: 'Esc', action: 'back home'},
];

export interface WalkthroughScreenProps {
  readonly onBack: () => void;
  /** False while something covers the screen (the help overlay): its keys are then ignored. Default true. */
  readonly isActive?: boolean;
}

/**
 * The handshake step by step: paused on every sub-step of both sides and every message, with the
 * explanation, labelled bytes, key schedule and transcript. Seeded by `deps.seed` (`--seed`) when set.
 */
export function WalkthroughScreen({onBack, isActive = true}: WalkthroughScreenProps) {
  const {seed, env, cwd} = useDeps();
  const exportDir = env.REP_HOME && env.REP_HOME.trim() !== '' ? env.REP_HOME : cwd;
  const {walkthrough, state, frame, dispatch, exportTrace} = useWalkthrough(seed, exportDir);
  const {columns, rows} = useTerminalSize();
  const layout = screenLines(walkthrough, frame, state, columns, rows, seed);

  useScreenInput((input, key) => {
    if (isBack(input, key)) onBack();
    else if (isRight(input, key) || isEnter(input, key)) dispatch({type: 'next'});
    else if (isLeft(input, key)) dispatch({type: 'back'});
    else if (isUp(input, key)) dispatch({type: 'up', min: layout.scroll.min});
    else if (isDown(input, key)) dispatch({type: 'down', max: layout.scroll.max});
    else if (input === ' ' || input === 'x') dispatch({type: 'toggle-expand'});
    else if (key.tab) dispatch({type: 'next-pane'});
    else if (input === 'g') dispatch({type: 'first'});
    else if (input === 'G') dispatch({type: 'last'});
    else if (input === 'e') exportTrace();
  }, {isActive});

  return <LineView lines={layout.lines} />;
}
