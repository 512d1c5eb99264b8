import http from 'node:http';
import {performance} from 'node:perf_hooks';
import type {JsonResponse, JsonTransport} from '../../src/client/transport.js';

/**
 * The benchmark's cheap load generator: a {@link JsonTransport} straight over node:http with one keep-alive
 * agent (Nagle off), no got. It sends the same bytes as the product transport (JSON body, the same four
 * headers, one write per request) and reads every answer as JSON, so the server sees real HTTP/1.1 on
 * loopback and runs full handshakes; it only skips got's per-request machinery (option merging, hooks,
 * timers, error mapping), which costs ≈ 0.5 ms of client CPU per request on the 2-core bench machine.
 * Why it matters: the client shares the machine's cores with the server, and with got the client, not the
 * server, is the bottleneck at concurrency 64 — the server then idles between requests and each request
 * pays a cold wake-up, inflating its measured CPU per handshake (see README, "Benchmark").
 * Not for use outside the benchmark: no timeouts, no retries (none are wanted), errors are raw.
 */
export function createLiteTransport(baseUrl: string): JsonTransport {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:') throw new Error(`the lite transport speaks plain http only, not ${baseUrl}`);
  const agent = new http.Agent({keepAlive: true, noDelay: true});
  const prefix = base.pathname.replace(/\/+$/, '');

  const request = (method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
      const headers: http.OutgoingHttpHeaders = {accept: 'application/json', 'user-agent': 'rep'};
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      const started = performance.now();
      const req = http.request({host: base.hostname, port: base.port, path: `${prefix}${path}`, method, headers, agent}, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
          try {
            const status = res.statusCode ?? 0;
            resolve({
              status, body: raw.length === 0 && status === 204 ? undefined : JSON.parse(raw.toString('utf8')),
              bytesSent: payload?.length ?? 0, bytesReceived: raw.length, durationMs: performance.now() - started,
            });
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });

  return {baseUrl: `${base.origin}${prefix}`, request, close: () => agent.destroy()};
}
