import {spawnSync} from 'node:child_process';
import {ROOT} from './cli.js';

/** True when tmux is installed (.ci/run installs it); end-to-end UI tests are skipped with a message otherwise. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A program running in a detached tmux session of a fixed size, read with capture-pane. */
export interface TmuxSession {
  /** Sends keys one at a time (tmux names such as Enter, Escape, Down, or literal characters), pausing between. */
  send(...keys: string[]): Promise<void>;
  /** The visible screen as plain text. */
  screen(): string;
  /** Polls the screen until it satisfies `predicate` (or contains the text). */
  waitFor(predicate: string | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Whether the program has ended (the pane is dead). */
  exited(): boolean;
  kill(): void;
}

let counter = 0;
const tmux = (...args: string[]) => spawnSync('tmux', args, {encoding: 'utf8'});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `command` (run by sh in the project root, with `env` on top of PATH and HOME, without CI) in tmux. */
export function startTmux(command: string, env: Record<string, string>, size = {columns: 80, rows: 24}): TmuxSession {
  const name = `rep-e2e-${process.pid}-${counter++}`;
  const vars = Object.entries({PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', ...env})
    .map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'`).join(' ');
  const start = () => tmux('new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows),
    `cd '${ROOT}' && env -i ${vars} ${command}`);
  let started = start();
  // Another test's kill-session may be stopping the tmux server at this moment: try again shortly.
  for (let attempt = 0; started.status !== 0 && attempt < 5; attempt++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    started = start();
  }
  if (started.status !== 0) throw new Error(`tmux could not start: ${started.stderr}`);
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  const screen = () => tmux('capture-pane', '-p', '-t', name).stdout;
  return {
    async send(...keys) {
      for (const key of keys) {
        tmux('send-keys', '-t', name, key);
        await pause(120);
      }
    },
    screen,
    async waitFor(predicate, timeoutMs = 10_000) {
      const test = typeof predicate === 'string' ? (s: string) => s.includes(predicate) : predicate;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = screen();
        if (test(current)) return current;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the screen; last screen:\n${current}`);
        await pause(50);
      }
    },
    exited: () => tmux('display-message', '-p', '-t', name, '#{pane_dead}').stdout.trim() === '1',
    kill: () => void tmux('kill-session', '-t', name),
  };
}
