import type {Walkthrough} from '../../src/protocol/v2/walkthrough-types.js';

/** The detail panes of a walkthrough frame (one shows at a time, Tab cycles). */
export type WalkthroughPane = 'bytes' | 'keys' | 'transcript';
export const WALKTHROUGH_PANES: readonly WalkthroughPane[] = ['bytes', 'keys', 'transcript'];

/** Where the last export went, or why it failed. */
export type WalkthroughExport =
  | {readonly status: 'none'}
  | {readonly status: 'done'; readonly json: string; readonly markdown: string}
  | {readonly status: 'failed'; readonly message: string};

/** Position in the walkthrough and the state of the detail pane. */
export interface WalkthroughState {
  /** The frame shown (paused on). */
  readonly index: number;
  /** How many labelled fields each frame has (bounds of the selection). */
  readonly fieldCounts: readonly number[];
  readonly pane: WalkthroughPane;
  /** Selected field of the bytes pane. */
  readonly selected: number;
  /** The selected field is opened in full (all its bytes). */
  readonly expanded: boolean;
  /** Scroll of the pane, relative to where the view anchors it (may be negative). */
  readonly scroll: number;
  readonly exported: WalkthroughExport;
}

export type WalkthroughAction =
  | {readonly type: 'next'}
  | {readonly type: 'back'}
  | {readonly type: 'first'}
  | {readonly type: 'last'}
  /** Moves the selection, or scrolls when the pane is not a field list; `min`/`max` bound the scroll. */
  | {readonly type: 'up'; readonly min: number}
  | {readonly type: 'down'; readonly max: number}
  | {readonly type: 'toggle-expand'}
  | {readonly type: 'next-pane'}
  | {readonly type: 'exported'; readonly json: string; readonly markdown: string}
  | {readonly type: 'export-failed'; readonly message: string};

/** The state before the first frame is shown: paused on the set-up, bytes pane. */
export function initialWalkthroughState(walkthrough: Pick<Walkthrough, 'frames'>): WalkthroughState {
  return {
    index: 0, fieldCounts: walkthrough.frames.map((f) => f.fields.length), pane: 'bytes', selected: 0, expanded: false, scroll: 0,
    exported: {status: 'none'},
  };
}

const goTo = (state: WalkthroughState, index: number): WalkthroughState => {
  const bounded = Math.max(0, Math.min(state.fieldCounts.length - 1, index));
  return bounded === state.index ? state : {...state, index: bounded, selected: 0, expanded: false, scroll: 0};
};

const listing = (state: WalkthroughState) => state.pane === 'bytes' && !state.expanded;

/**
 * Pure walkthrough navigation: next/back stay within the frames (a new frame starts with its first field
 * selected, collapsed, unscrolled); up/down select a field in the bytes pane or scroll the others and an
 * expanded field; toggle-expand opens or closes the selected field; next-pane cycles bytes → keys → transcript.
 */
export function walkthroughReducer(state: WalkthroughState, action: WalkthroughAction): WalkthroughState {
  switch (action.type) {
    case 'next':
      return goTo(state, state.index + 1);
    case 'back':
      return goTo(state, state.index - 1);
    case 'first':
      return goTo(state, 0);
    case 'last':
      return goTo(state, state.fieldCounts.length - 1);
    case 'up':
      if (listing(state)) return {...state, selected: Math.max(0, state.selected - 1)};
      return {...state, scroll: Math.max(action.min, state.scroll - 1)};
    case 'down':
      if (listing(state)) return {...state, selected: Math.max(0, Math.min(state.fieldCounts[state.index] - 1, state.selected + 1))};
      return {...state, scroll: Math.min(action.max, state.scroll + 1)};
    case 'toggle-expand':
      if (state.pane !== 'bytes' || state.fieldCounts[state.index] === 0) return state;
      return {...state, expanded: !state.expanded, scroll: 0};
    case 'next-pane': {
      const pane = WALKTHROUGH_PANES[(WALKTHROUGH_PANES.indexOf(state.pane) + 1) % WALKTHROUGH_PANES.length];
      return {...state, pane, expanded: false, scroll: 0};
    }
    case 'exported':
      return {...state, exported: {status: 'done', json: action.json, markdown: action.markdown}};
    case 'export-failed':
      return {...state, exported: {status: 'failed', message: action.message}};
  }
}
