import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {shebangNodeFlags} from '../node-flags.js';

/** The compiled rep-server next to this file once built (dist/scripts/stress → dist/bin/rep-server.js). */
export const DEFAULT_SERVER_SCRIPT = fileURLToPath(new URL('../../bin/rep-server.js', import.meta.url));

/** A standalone `rep-server` child process (dist/bin/rep-server.js) on 127.0.0.1 and a free port. */
export interface ServerProcess {
  /** Base URL it printed, e.g. `http://127.0.0.1:43117`. */
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** What it wrote to stderr so far (unexpected errors are logged there as JSON lines). */
  errors(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Its resident set size now, in MiB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  /** Sends `signal` and waits for the exit; resolves with the exit code or signal name. */
  kill(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/** VmRSS of a process in MiB (Linux /proc). */
export function readRssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * Starts `node <script> --port 0` with only PATH, HOME, REP_HOME and NODE_ENV=production in its environment
 * and resolves once it printed its URL. stdout and stderr are kept (see {@link ServerProcess.errors}).
 */
export function startServerProcess(home: string, options: {script?: string; args?: readonly string[]; timeoutMs?: number} = {}): Promise<ServerProcess> {
  const script = options.script ?? DEFAULT_SERVER_SCRIPT;
  const env: NodeJS.ProcessEnv = {REP_HOME: home, NODE_ENV: 'production'};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  const child = spawn(process.execPath, [...shebangNodeFlags(script), script, '--port', '0', ...(options.args ?? [])], {env, cwd: join(script, '..'), stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  let errors = '';
  let exit: number | string | null | undefined;
  const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => {
    exit = code ?? signal;
    done(exit);
  }));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    errors += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rep-server did not print its URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const poll = () => {
      const match = /Repository listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', poll);
      resolve({
        url: match[1], pid: child.pid!, child,
        output: () => output,
        errors: () => errors,
        alive: () => exit === undefined,
        rssMb: () => readRssMb(child.pid!),
        kill(signal = 'SIGTERM') {
          if (exit === undefined) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', poll);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`rep-server exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
