import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {bodyBytes, parseJsonOrUndefined, sendHttp, type RawAnswer} from './http.js';
import type {WireEntry} from './types.js';

/** A request the victim's client sent, as the man in the middle sees it. */
export interface InterceptedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v2/session/a1`. */
  readonly path: string;
  readonly raw: Buffer;
  /** The parsed JSON body (undefined when it is not JSON). */
  readonly json: unknown;
}

/** What to do with an intercepted request. */
export type RequestDecision =
  /** Send it on (altered when `body`, `path` or `method` is given; to another repository with `upstream`). */
  | {readonly action: 'forward'; readonly body?: unknown; readonly path?: string; readonly method?: string; readonly upstream?: string; readonly note?: string}
  /** Answer the client directly (the repository never sees the request). */
  | {readonly action: 'respond'; readonly status: number; readonly body: unknown; readonly contentType?: string; readonly note?: string}
  /** Close the connection without an answer. */
  | {readonly action: 'drop'; readonly note?: string};

/** What to do with the repository's answer before the client sees it. */
export type ResponseDecision =
  | {readonly action: 'pass'}
  | {readonly action: 'replace'; readonly status?: number; readonly body: unknown; readonly note?: string};

/**
 * The attacker's hooks. `request` runs before anything is sent upstream (it may hold the client while it
 * works: the client waits for its answer); `response` may replace the answer. No hook: plain forwarding.
 */
export interface ProxyHooks {
  request?(request: InterceptedRequest): RequestDecision | void | Promise<RequestDecision | void>;
  response?(request: InterceptedRequest, answer: RawAnswer): ResponseDecision | void | Promise<ResponseDecision | void>;
}

/** An in-process man-in-the-middle HTTP proxy on 127.0.0.1 between a real client and a real repository. */
export interface MitmProxy {
  /** Where the client connects, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The repository it forwards to by default. */
  readonly upstream: string;
  /** Every message that crossed the proxy or was injected (in order). */
  readonly log: readonly WireEntry[];
  /** The attacker's hooks; replace them between the phases of a scenario. */
  hooks: ProxyHooks;
  /**
   * Sends a request of the attacker's own (a replay, a probe, a relay) to the repository, or to `upstream`;
   * logged as `injected` unless `quiet` (the padding oracle's thousands of probes are only counted).
   */
  inject(method: string, path: string, body: unknown, options?: {upstream?: string; quiet?: boolean; note?: string}): Promise<RawAnswer>;
  /** Requests sent upstream so far, injected ones included. */
  readonly upstreamRequests: number;
  close(): Promise<void>;
}

/** Options of {@link startMitmProxy}. */
export interface MitmProxyOptions {
  /** The repository's base URL. */
  readonly upstream: string;
  readonly hooks?: ProxyHooks;
  /** Called with every log entry as it is added (the lab turns them into `wire` progress events). */
  readonly onEntry?: (entry: WireEntry) => void;
  /** Parallel connections to the repository (default 32). */
  readonly maxSockets?: number;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Starts the proxy on 127.0.0.1 and a free port. Each client request goes through `hooks.request` (forward,
 * alter, relay, answer or drop), then upstream over a keep-alive agent, then through `hooks.response`
 * (pass or replace); the answer keeps the repository's status and content type unless replaced.
 */
export async function startMitmProxy(options: MitmProxyOptions): Promise<MitmProxy> {
  const agent = new http.Agent({keepAlive: true, maxSockets: options.maxSockets ?? 32});
  const log: WireEntry[] = [];
  let upstreamRequests = 0;
  const add = (entry: Omit<WireEntry, 'seq'>) => {
    const full = {seq: log.length + 1, ...entry};
    log.push(full);
    options.onEntry?.(full);
  };
  const upstreamSend = (base: string, method: string, path: string, body: unknown) => {
    upstreamRequests++;
    return sendHttp(agent, base, method, path, body);
  };

  const handle = async (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
    const raw = await readBody(incoming);
    const request: InterceptedRequest = {method: incoming.method ?? 'GET', path: incoming.url ?? '/', raw, json: parseJsonOrUndefined(raw)};
    const shown = request.json ?? raw.toString('utf8');
    const decision = (await proxy.hooks.request?.(request)) ?? {action: 'forward' as const};
    if (decision.action === 'drop') {
      add({origin: 'client', method: request.method, path: request.path, action: 'dropped', request: shown, note: decision.note});
      outgoing.socket?.destroy();
      return;
    }
    if (decision.action === 'respond') {
      const bytes = bodyBytes(decision.body) ?? Buffer.alloc(0);
      add({origin: 'client', method: request.method, path: request.path, action: 'answered', status: decision.status, request: shown, response: decision.body, note: decision.note});
      outgoing.writeHead(decision.status, {'content-type': decision.contentType ?? 'application/json', 'content-length': bytes.length}).end(bytes);
      return;
    }
    const method = decision.method ?? request.method;
    const path = decision.path ?? request.path;
    const body = decision.body ?? (raw.length > 0 ? raw : undefined);
    const altered = decision.body !== undefined || decision.path !== undefined || decision.method !== undefined;
    let answer = await upstreamSend(decision.upstream ?? options.upstream, method, path, body);
    const replaced = await proxy.hooks.response?.(request, answer);
    let action: WireEntry['action'] = decision.upstream ? 'relayed' : altered ? 'altered' : 'forwarded';
    let note = decision.note;
    if (replaced && replaced.action === 'replace') {
      const bytes = bodyBytes(replaced.body) ?? Buffer.alloc(0);
      answer = {status: replaced.status ?? answer.status, contentType: answer.contentType, raw: bytes, json: parseJsonOrUndefined(bytes)};
      action = 'replaced';
      note = [note, replaced.note].filter(Boolean).join('; ') || undefined;
    }
    add({
      origin: 'client', method, path: path === request.path ? path : `${request.path} → ${path}`, action, status: answer.status,
      request: altered && decision.body !== undefined ? parseJsonOrUndefined(bodyBytes(decision.body) ?? Buffer.alloc(0)) : shown,
      response: answer.json ?? answer.raw.toString('utf8'), note,
    });
    outgoing.writeHead(answer.status, {'content-type': answer.contentType ?? 'application/json', 'content-length': answer.raw.length}).end(answer.raw);
  };

  const server = http.createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      add({origin: 'client', method: incoming.method ?? 'GET', path: incoming.url ?? '/', action: 'dropped', note: `proxy error: ${(error as Error).message}`});
      if (!outgoing.headersSent) outgoing.writeHead(502, {'content-type': 'application/json'}).end(JSON.stringify({error: 'proxy_error', message: String((error as Error).message)}));
      else outgoing.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const {port} = server.address() as AddressInfo;

  const proxy: MitmProxy = {
    url: `http://127.0.0.1:${port}`,
    upstream: options.upstream,
    log,
    hooks: options.hooks ?? {},
    get upstreamRequests() {
      return upstreamRequests;
    },
    async inject(method, path, body, injectOptions = {}) {
      const answer = await upstreamSend(injectOptions.upstream ?? options.upstream, method, path, body);
      if (!injectOptions.quiet) {
        const request = Buffer.isBuffer(body) ? parseJsonOrUndefined(body) : body;
        add({origin: 'attacker', method, path, action: 'injected', status: answer.status, request, response: answer.json ?? answer.raw.toString('utf8'), note: injectOptions.note});
      }
      return answer;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}
