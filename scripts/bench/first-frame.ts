import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';

const tmux = (...args: string[]) => spawnSync('tmux', args, {encoding: 'utf8'});

/**
 * Milliseconds from starting `command` in a fresh 80×24 tmux pane to the first screen containing `marker`
 * (polled every 5 ms), median of `runs`; undefined when tmux is missing.
 */
export async function firstFrameMs(command: string, marker: string, runs: number, env: Record<string, string> = {}): Promise<number[] | undefined> {
  if (tmux('-V').status !== 0) return undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const home = mkdtempSync(join(tmpdir(), 'rep-frame-'));
    const name = `rep-frame-${process.pid}-${i}`;
    const vars = Object.entries({PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', REP_HOME: home, ...env})
      .map(([k, v]) => `${k}='${v}'`).join(' ');
    let started = performance.now();
    // The previous run's kill-session may still be stopping the tmux server: a new session then fails to
    // start, so it is started again (the clock restarts with it).
    for (let attempt = 0; tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', `cd '${process.cwd()}' && env -i ${vars} ${command}; sleep 5`).status !== 0; attempt++) {
      if (attempt === 5) throw new Error(`tmux could not start a session for ${command}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      started = performance.now();
    }
    for (;;) {
      if (tmux('capture-pane', '-p', '-t', name).stdout.includes(marker)) break;
      if (performance.now() - started > 15_000) throw new Error(`no first frame from ${command}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - started);
    tmux('kill-session', '-t', name);
    rmSync(home, {recursive: true, force: true});
  }
  return times.sort((a, b) => a - b);
}
