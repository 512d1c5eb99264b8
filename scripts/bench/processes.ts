import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {shebangNodeFlags} from '../node-flags.js';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU seconds the whole machine has spent busy so far (user, nice, system, irq, softirq, steal from /proc/stat):
 * what a level used minus the server's and the load generator's own is other processes' interference.
 */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
}

/** Starts the standalone server (dist/bin/rep-server.js) and waits for its URL line. */
export async function startServerProcess(home: string): Promise<{url: string; child: ChildProcess; stop: () => Promise<void>}> {
  const child = spawn(process.execPath, [...shebangNodeFlags('dist/bin/rep-server.js'), 'dist/bin/rep-server.js', '--port', '0'], {env: {...process.env, REP_HOME: home, NODE_ENV: 'production'}, stdio: ['ignore', 'pipe', 'inherit']});
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`rep-server exited with ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return {
    url, child,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Wall time of one command run to completion, in milliseconds; throws if it fails. */
export function timeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {env, stdio: ['ignore', 'ignore', 'pipe']});
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}: ${err}`))));
  });
}
