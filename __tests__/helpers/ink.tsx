import React, {act, type ReactElement} from 'react';
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';

/** Named key sequences for ink-testing-library's stdin. */
export const KEY = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** A rendered app with helpers that wrap every interaction in act() and poll instead of sleeping. */
export interface Rendered {
  /** The last frame with ANSI escapes removed. */
  frame(): string;
  /** Writes keys (each chunk separately, as a terminal would), inside act(). */
  press(...keys: string[]): Promise<void>;
  /** Types text one character at a time. */
  type(text: string): Promise<void>;
  /** Polls until the frame satisfies `predicate` (or contains the text); throws with the last frame after `timeoutMs`. */
  waitFor(predicate: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  unmount(): Promise<void>;
}

/** Renders a React element with ink-testing-library, inside act(). */
export async function renderInk(element: ReactElement): Promise<Rendered> {
  let instance!: ReturnType<typeof render>;
  await act(async () => {
    instance = render(element);
  });
  const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      await act(async () => {
        instance.stdin.write(key);
        await new Promise((resolve) => setImmediate(resolve));
      });
    }
  };
  return {
    frame,
    press,
    type: async (text) => press(...[...text]),
    async waitFor(predicate, timeoutMs = 5000) {
      const test = typeof predicate === 'string' ? (f: string) => f.includes(predicate) : predicate;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (test(current)) return current;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the frame; last frame:\n${current}`);
        await act(async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
        });
      }
    },
    async unmount() {
      await act(async () => {
        instance.unmount();
      });
    },
  };
}
