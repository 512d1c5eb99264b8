import React from 'react';
import {SCENARIOS} from '../../src/attack/catalog.js';
import type {OracleLimits} from '../../src/attack/scenario-kit.js';
import {FILTER_SUITES} from '../hooks/attack-lab-reducer.js';
import {useAttackLab, type RunLab} from '../hooks/useAttackLab.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import {useScreenInput} from '../input.js';
import {isBack, isDown, isEnter, isUp, type KeyHelp} from '../keys.js';
import {LineView} from '../walkthrough/LineView.js';
import {FILTER_LABEL} from './format.js';
import {attackLabLayout} from './screen-lines.js';

export const ATTACK_LAB_KEYS: readonly KeyHelp[] = [
  {keys: 'Enter', action: 'run the selected scenario (suites shown)'},
  {keys: 'r', action: 'run all of T1–T14 (suites shown)'},
  {keys: '↑/↓ or k/j', action: 'select a scenario · oracle view: scroll'},
  {keys: 'Tab', action: 'suites: v2 + classic → v2 → classic'},
  {keys: 'PgUp/PgDn', action: 'scroll the detail pane'},
  {keys: 'o', action: 'padding oracle (T2) live; Enter there runs it'},
  {keys: 'c', action: 'cancel the run'},
  {keys: 'Esc', action: 'oracle view → list → home (cancels a run)'},
];

export interface AttackLabScreenProps {
  readonly onBack: () => void;
  /** False while something covers the screen (the help overlay): its keys are then ignored. Default true. */
  readonly isActive?: boolean;
  /** Caps of the padding oracle (default the engine's: the whole A1, 200 000 queries, 20 s). */
  readonly oracle?: OracleLimits;
  /** The lab runner (default `runAttackLab`; tests may wrap it). */
  readonly runLab?: RunLab;
}

/** Rows the app's header takes above the screen, plus one so Ink never fills the terminal. */
const RESERVED_ROWS = 4;

/**
 * The attack lab: T1–T14 of the hardened-suite table run for real (the lab starts its own repositories in
 * temporary REP_HOMEs, on loopback), with each scenario's verdict against the expected one per suite, a
 * detail pane, and the live padding oracle (T2) next to the faithful classic server and v2 refusing.
 */
export function AttackLabScreen({onBack, isActive = true, oracle, runLab}: AttackLabScreenProps) {
  const {state, dispatch, start, cancel, now} = useAttackLab(oracle, runLab);
  const {columns, rows} = useTerminalSize();
  const layout = attackLabLayout(state, now, columns - 1, Math.max(8, rows - RESERVED_ROWS));
  const running = state.run.status === 'running';
  const runT2 = () => start({label: 'T2 on all three servers', suites: FILTER_SUITES.both, only: ['T2']});

  useScreenInput((input, key) => {
    if (state.view === 'oracle') {
      if (isBack(input, key) || input === 'o') dispatch({type: 'close-oracle'});
      else if (isEnter(input, key) || input === 'r') runT2();
      else if (input === 'c') cancel();
      else if (isUp(input, key)) dispatch({type: 'oracle-top', top: Math.max(0, layout.oracleTop - 1)});
      else if (isDown(input, key)) dispatch({type: 'oracle-top', top: Math.min(layout.oracleMaxTop, layout.oracleTop + 1)});
      return;
    }
    const id = SCENARIOS[state.selected].id;
    const suites = FILTER_SUITES[state.filter];
    if (isBack(input, key)) {
      if (running) cancel();
      onBack();
    } else if (isEnter(input, key)) start({label: `${id} on ${FILTER_LABEL[state.filter]}`, suites, only: [id]});
    else if (input === 'r') start({label: `T1–T14 on ${FILTER_LABEL[state.filter]}`, suites});
    else if (input === 'c') cancel();
    else if (isUp(input, key)) dispatch({type: 'select', delta: -1, count: SCENARIOS.length});
    else if (isDown(input, key)) dispatch({type: 'select', delta: 1, count: SCENARIOS.length});
    else if (key.tab) dispatch({type: 'next-filter'});
    else if (key.pageDown) dispatch({type: 'detail-scroll', delta: Math.max(1, layout.detailHeight - 1), max: layout.detailMax});
    else if (key.pageUp) dispatch({type: 'detail-scroll', delta: -Math.max(1, layout.detailHeight - 1), max: layout.detailMax});
    else if (input === 'o') dispatch({type: 'toggle-oracle'});
  }, {isActive});

  return <LineView lines={layout.lines} />;
}
