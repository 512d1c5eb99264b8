import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {runAttackLab, type AttackLabOptions} from '../../src/attack/lab.js';
import type {OracleLimits} from '../../src/attack/scenario-kit.js';
import type {AttackEvent, LabSuite, ScenarioId} from '../../src/attack/types.js';
import {attackLabReducer, initialAttackLabState, type AttackLabAction, type AttackLabState} from './attack-lab-reducer.js';

/** What to run: scenarios (all when `only` is left out) on suites, with a label for the status line. */
export interface LabRequest {
  readonly label: string;
  readonly suites: readonly LabSuite[];
  readonly only?: readonly ScenarioId[];
}

/** What the attack lab screen renders and how it acts. */
export interface UseAttackLab {
  readonly state: AttackLabState;
  readonly dispatch: (action: AttackLabAction) => void;
  /** Starts a run unless one is going (returns false then). */
  readonly start: (request: LabRequest) => boolean;
  /** Stops the run at the next scenario (the padding oracle stops at its next byte). */
  readonly cancel: () => void;
  /** Now, ticking every half second while a run is going (for elapsed times). */
  readonly now: number;
}

/** Thrown from `onProgress` to end a run: the engine has no cancel of its own. */
class LabCancelled extends Error {
  constructor() {
    super('the attack lab run was cancelled');
    this.name = 'LabCancelled';
  }
}

/**
 * Events at which a cancelled run is ended by throwing from `onProgress`. `scenario-start` is raised outside
 * the scenario's own try, so `runAttackLab` rejects there and its `finally` closes the servers and deletes the
 * temporary REP_HOMEs; `oracle-start`/`oracle-byte` end the padding oracle's probes at once (that scenario then
 * reports a lab failure, which nobody reads). Other events (wire, attempt) are only ignored: the proxy calls
 * them from its error handler.
 */
const STOP_AT: ReadonlySet<AttackEvent['type']> = new Set(['scenario-start', 'oracle-start', 'oracle-byte']);

/** Signature of {@link runAttackLab}, injectable for tests. */
export type RunLab = (options: AttackLabOptions) => Promise<unknown>;

/**
 * Runs the attack lab (its own bundled repositories in temporary REP_HOMEs, loopback only) and folds its
 * progress into {@link attackLabReducer}. One run at a time. Leaving the screen cancels: nothing is
 * dispatched after unmount, and the run winds down at its next scenario.
 */
export function useAttackLab(oracle?: OracleLimits, runLab: RunLab = runAttackLab): UseAttackLab {
  const [state, dispatch] = useReducer(attackLabReducer, undefined, initialAttackLabState);
  const current = useRef<{cancelled: boolean} | undefined>(undefined);
  const mounted = useRef(true);
  const [now, setNow] = useState(() => Date.now());
  const running = state.run.status === 'running';

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (current.current) current.current.cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);

  const start = useCallback((request: LabRequest): boolean => {
    if (current.current) return false;
    const token = {cancelled: false};
    current.current = token;
    const at = Date.now();
    dispatch({type: 'run-requested', label: request.label, at});
    setNow(at);
    const onProgress = (event: AttackEvent) => {
      if (!token.cancelled) dispatch({type: 'event', event});
      else if (STOP_AT.has(event.type)) throw new LabCancelled();
    };
    runLab({suites: request.suites, only: request.only, oracle, onProgress})
      .then(
        () => undefined,
        (error: unknown) => {
          if (!token.cancelled && mounted.current) dispatch({type: 'run-failed', message: (error as Error)?.message ?? String(error)});
        },
      )
      .finally(() => {
        if (current.current === token) current.current = undefined;
        if (token.cancelled && mounted.current) dispatch({type: 'cancelled'});
      });
    return true;
  }, [oracle, runLab]);

  const cancel = useCallback(() => {
    if (!current.current || current.current.cancelled) return;
    current.current.cancelled = true;
    dispatch({type: 'cancel-requested'});
  }, []);

  return {state, dispatch, start, cancel, now};
}
