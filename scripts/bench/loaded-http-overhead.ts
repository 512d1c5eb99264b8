import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {createLiteTransport} from './lite-transport.js';
import {measureLoad} from './load.js';
import {processCpuSeconds} from './processes.js';

/** What one request costs a bare fastify server beyond its handler's crypto, at concurrency 64. */
export interface LoadedHttpOverhead {
  readonly units: number;
  readonly requests: number;
  readonly workUsPerRequest: number;
  readonly serverUsPerRequest: number;
  readonly overheadUsPerRequest: number;
}

/**
 * Starts scripts/bench/crypto-route-server.js with `units` of crypto per request, drives it with the lean
 * client at concurrency 64 (warm-up, then `durationMs` measured) and subtracts the work's own cost: the HTTP
 * stack's overhead per request when each request also runs OpenSSL, which evicts the stack's code and data
 * from the caches (a request doing nothing costs much less).
 */
export async function measureLoadedHttpOverhead(units: number, durationMs: number): Promise<LoadedHttpOverhead> {
  const script = fileURLToPath(new URL('./crypto-route-server.js', import.meta.url));
  const child = spawn(process.execPath, [script, String(units)], {stdio: ['ignore', 'pipe', 'inherit']});
  let out = '';
  const checks: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of checks) check();
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`crypto-route-server exited with ${code}: ${out}`))));
  exited.catch(() => undefined);
  const line = (pattern: RegExp) => Promise.race([exited, new Promise<string>((resolve) => {
    const check = () => {
      const match = pattern.exec(out);
      if (match) resolve(match[1]);
    };
    checks.push(check);
    check();
  })]);
  try {
    const url = await line(/listening on (\S+)/);
    const workUsPerRequest = Number(await line(/work ([\d.]+)/));
    const lite = createLiteTransport(url);
    const body = {a: 'A'.repeat(150), b: 'B'.repeat(350)};
    const request = () => lite.request('POST', '/work', body);
    await measureLoad(request, 64, Math.min(3000, durationMs));
    const before = processCpuSeconds(child.pid!);
    const result = await measureLoad(request, 64, durationMs);
    const serverUsPerRequest = ((processCpuSeconds(child.pid!) - before) * 1e6) / result.handshakes;
    lite.close();
    return {units, requests: result.handshakes, workUsPerRequest, serverUsPerRequest, overheadUsPerRequest: serverUsPerRequest - workUsPerRequest};
  } finally {
    child.kill('SIGTERM');
  }
}
