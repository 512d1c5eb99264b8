import http, {type IncomingHttpHeaders} from 'node:http';
import {connect} from 'node:net';

/** One request exactly as given: nothing is added but `content-length` (and node's `host`/`connection`). */
export interface RawRequest {
  readonly method: string;
  /** Path with query, sent as is. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
}

/** A complete answer. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** An HTTP client for malformed requests over keep-alive sockets (node:http, so only the bodies are odd). */
export interface RawClient {
  request(request: RawRequest): Promise<RawAnswer>;
  close(): void;
}

/** A client for `baseUrl` with at most `maxSockets` kept-alive connections and a per-request timeout. */
export function createRawClient(baseUrl: string, options: {maxSockets?: number; timeoutMs?: number} = {}): RawClient {
  const base = new URL(baseUrl);
  const agent = new http.Agent({keepAlive: true, maxSockets: options.maxSockets ?? 16});
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    request({method, path, headers = {}, body}) {
      const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
      return new Promise((resolve, reject) => {
        const sent = http.request({
          host: base.hostname, port: base.port, method, path, agent,
          headers: {...headers, ...(payload === undefined ? {} : {'content-length': String(payload.length)})},
        }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks)}));
        });
        sent.setTimeout(timeoutMs, () => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        sent.on('error', reject);
        sent.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * Writes raw bytes on a new TCP connection (not necessarily HTTP), then either half-closes and reads whatever
 * comes back until the server closes (`end`), or destroys the socket at once (`abort`). Resolves with the
 * bytes received; never rejects on a reset (the server may legitimately drop such a connection).
 */
export function sendRawBytes(baseUrl: string, bytes: Uint8Array, close: 'end' | 'abort', timeoutMs = 5000): Promise<{received: Buffer; timedOut: boolean}> {
  const base = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect({host: base.hostname, port: Number(base.port)});
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({received: Buffer.concat(chunks), timedOut});
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => {
      if (close === 'abort') {
        socket.write(bytes, () => finish(false));
      } else {
        socket.end(bytes);
      }
    });
  });
}
