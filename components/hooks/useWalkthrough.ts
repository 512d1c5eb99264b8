import {useCallback, useMemo, useReducer} from 'react';
import {writeTraceFiles} from '../../src/cli/trace-files.js';
import {buildWalkthrough, type Walkthrough, type WalkthroughFrame} from '../../src/protocol/v2/walkthrough.js';
import {initialWalkthroughState, walkthroughReducer, type WalkthroughAction, type WalkthroughState} from './walkthrough-reducer.js';

/** What the walkthrough screen renders and how it acts. */
export interface UseWalkthrough {
  readonly walkthrough: Walkthrough;
  readonly state: WalkthroughState;
  readonly frame: WalkthroughFrame;
  readonly dispatch: (action: WalkthroughAction) => void;
  /** Writes the JSON trace and the Markdown hand-out into the export folder and records the paths. */
  readonly exportTrace: () => void;
}

/**
 * Runs the handshake once in memory (seeded when `seed` is given, so every byte is reproducible) and keeps
 * the position in it with the pure {@link walkthroughReducer}. Exports go to `exportDir`.
 */
export function useWalkthrough(seed: string | undefined, exportDir: string): UseWalkthrough {
  const walkthrough = useMemo(() => buildWalkthrough(seed === undefined ? {} : {seed}), [seed]);
  const [state, dispatch] = useReducer(walkthroughReducer, walkthrough, initialWalkthroughState);
  const exportTrace = useCallback(() => {
    try {
      dispatch({type: 'exported', ...writeTraceFiles(walkthrough, exportDir)});
    } catch (error) {
      dispatch({type: 'export-failed', message: (error as Error).message});
    }
  }, [walkthrough, exportDir]);
  return {walkthrough, state, frame: walkthrough.frames[state.index], dispatch, exportTrace};
}
