import type {Key} from 'ink';

/** Key bindings in one place; every screen's help overlay lists its own from these. */
export const isUp = (input: string, key: Key) => key.upArrow || input === 'k';
export const isDown = (input: string, key: Key) => key.downArrow || input === 'j';
export const isLeft = (input: string, key: Key) => key.leftArrow || input === 'h';
export const isRight = (input: string, key: Key) => key.rightArrow || input === 'l';
export const isEnter = (_input: string, key: Key) => key.return;
export const isBack = (_input: string, key: Key) => key.escape;
export const isQuit = (input: string, key: Key) => input === 'q' && !key.ctrl && !key.meta;
export const isHelp = (input: string) => input === '?';

/** A key and what it does, for help overlays and footers. */
export interface KeyHelp {
  readonly keys: string;
  readonly action: string;
}

/** Keys every screen shares. */
export const GLOBAL_KEYS: readonly KeyHelp[] = [
  {keys: '↑/↓ or k/j', action: 'move'},
  {keys: 'Enter', action: 'choose'},
  {keys: 'Esc', action: 'back'},
  {keys: '?', action: 'this help'},
  {keys: 'q / Ctrl-C', action: 'quit'},
];
