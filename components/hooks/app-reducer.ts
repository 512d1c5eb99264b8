import type {Suite} from '../suites.js';

/** The screens of the app. */
export type Screen =
  | {readonly name: 'home'}
  /** The wizard, with the suite to preselect (`rep-create-session --suite classic` on a terminal). */
  | {readonly name: 'wizard'; readonly suite?: Suite}
  | {readonly name: 'handshake'; readonly request: SessionRequest}
  | {readonly name: 'walkthrough'}
  | {readonly name: 'sessions'; readonly focusId?: string}
  | {readonly name: 'repository'}
  | {readonly name: 'attack'};

/** What the wizard hands to the live handshake. */
export interface SessionRequest {
  readonly organization: string;
  readonly username: string;
  readonly credentialsFile: string;
  readonly password: string;
  readonly suite: Suite;
}

/** Navigation state: a stack of screens (Esc pops) and whether the help overlay is open. */
export interface AppState {
  readonly stack: readonly Screen[];
  readonly help: boolean;
}

export type AppAction =
  | {readonly type: 'open'; readonly screen: Screen}
  | {readonly type: 'replace'; readonly screen: Screen}
  | {readonly type: 'back'}
  | {readonly type: 'home'}
  | {readonly type: 'toggle-help'};

/** The first state; a screen opened directly (e.g. `rep walkthrough`) sits above home, so Esc reaches the menu. */
export const initialAppState = (first: Screen = {name: 'home'}): AppState => ({
  stack: first.name === 'home' ? [first] : [{name: 'home'}, first],
  help: false,
});

/** Pure navigation reducer: open pushes, replace swaps the top, back pops (never below home). */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'open':
      return {stack: [...state.stack, action.screen], help: false};
    case 'replace':
      return {stack: [...state.stack.slice(0, -1), action.screen], help: false};
    case 'back':
      if (state.help) return {...state, help: false};
      return state.stack.length > 1 ? {stack: state.stack.slice(0, -1), help: false} : state;
    case 'home':
      return {stack: state.stack.slice(0, 1), help: false};
    case 'toggle-help':
      return {...state, help: !state.help};
  }
}

/** The screen on top of the stack. */
export const currentScreen = (state: AppState): Screen => state.stack[state.stack.length - 1];
