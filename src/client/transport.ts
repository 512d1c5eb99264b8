import http from 'node:http';
import https from 'node:https';
import {performance} from 'node:perf_hooks';
import got, {RequestError, TimeoutError} from 'got';

/** One JSON answer of the repository, whatever its HTTP status (the protocol layer reads 4xx errors). */
export interface JsonResponse {
  readonly status: number;
  /** The parsed JSON body (`undefined` for an empty 204 answer). */
  readonly body: unknown;
  /** Bytes of the JSON request body (headers not counted). */
  readonly bytesSent: number;
  /** Bytes of the response body (headers not counted). */
  readonly bytesReceived: number;
  /** Wall time from sending the request to the end of the answer. */
  readonly durationMs: number;
}

/** Sends JSON requests to one repository; the handshake stages (A0–A2) and API calls go through it. */
export interface JsonTransport {
  /** The repository's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * Sends one request (never retried) and returns the JSON answer with its status. A Buffer `body` is sent as
   * is (already serialized JSON: the classic suite sends Python's exact bytes); a GET may carry a body too.
   */
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse>;
  /** Closes the kept-alive connections so the process can exit promptly. */
  close(): void;
}

/** Why a request got no usable JSON answer. */
export type TransportErrorCode = 'unreachable' | 'timeout' | 'bad_response' | 'invalid_url';

/** A request got no usable JSON answer; the message is one sentence saying what to do next. */
export class TransportError extends Error {
  readonly code: TransportErrorCode;
  /** The URL that was requested (or the invalid base URL). */
  readonly url: string;
  constructor(code: TransportErrorCode, url: string, message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = 'TransportError';
    this.code = code;
    this.url = url;
  }
}

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** The repository, e.g. `http://127.0.0.1:5000` (REP_ADDRESS); http or https only. */
  readonly baseUrl: string;
  /** Time allowed for the whole request; default 10000. */
  readonly timeoutMs?: number;
  /** Agents to use instead of the transport's own keep-alive agent (they are not closed by `close`). */
  readonly agent?: {readonly http?: http.Agent; readonly https?: https.Agent};
  /**
   * Parse any answer whose body is JSON, whatever its content type (the classic suite: the reference answers
   * `text/html` for its JSON). Default false: only JSON content types are accepted.
   */
  readonly anyContentType?: boolean;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is it running? check REP_ADDRESS',
  ENOTFOUND: 'host not found — check the host name in REP_ADDRESS',
  EAI_AGAIN: 'host name lookup failed — check your network and REP_ADDRESS',
  ECONNRESET: 'the connection was reset before it answered — check the server log, then try again',
  EPIPE: 'the connection was closed while sending — check the server log, then try again',
  EHOSTUNREACH: 'no route to the host — check your network and REP_ADDRESS',
  ENETUNREACH: 'the network is unreachable — check your network and REP_ADDRESS',
};

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/** Parses a response body as JSON or throws `bad_response` describing what came back instead. */
function parseJson(url: string, status: number, contentType: string | undefined, raw: Buffer, anyContentType = false): unknown {
  if (raw.length === 0 && status === 204) return undefined;
  const text = raw.toString('utf8');
  const what = `HTTP ${status}${contentType ? ` (${contentType})` : ''}`;
  const fail = (problem: string, cause?: unknown) =>
    new TransportError('bad_response', url, `the server at ${url} answered ${what} with ${problem}, not repository JSON — check that REP_ADDRESS points at a repository server`, {cause});
  if (raw.length === 0) throw fail('an empty body');
  if (contentType !== undefined && !/json/i.test(contentType) && !anyContentType) throw fail(`"${snippet(text)}"`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`"${snippet(text)}"`, error);
  }
}

/**
 * Creates the JSON transport over got: one keep-alive agent, no automatic retries (a repeated A1/A2 POST
 * would be a replay), every HTTP status returned to the caller, typed {@link TransportError}s otherwise.
 */
export function createHttpTransport(options: HttpTransportOptions): JsonTransport {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (error) {
    throw new TransportError('invalid_url', options.baseUrl, `"${options.baseUrl}" is not a URL — set REP_ADDRESS to something like http://127.0.0.1:5000`, {cause: error});
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TransportError('invalid_url', options.baseUrl, `"${options.baseUrl}" is not an http or https URL — set REP_ADDRESS to something like http://127.0.0.1:5000`);
  }
  const baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const own = {http: new http.Agent({keepAlive: true}), https: new https.Agent({keepAlive: true})};
  const agent = {http: options.agent?.http ?? own.http, https: options.agent?.https ?? own.https};

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse> {
    const url = `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
    const started = performance.now();
    try {
      const response = await got(url, {
        method,
        body: payload,
        headers: {accept: 'application/json', 'user-agent': 'rep', ...(payload ? {'content-type': 'application/json'} : {})},
        responseType: 'buffer',
        retry: {limit: 0},
        allowGetBody: true,
        throwHttpErrors: false,
        followRedirect: false,
        timeout: {request: timeoutMs},
        agent,
      });
      const json = parseJson(url, response.statusCode, response.headers['content-type'], response.rawBody, options.anyContentType);
      return {
        status: response.statusCode,
        body: json,
        bytesSent: payload?.length ?? 0,
        bytesReceived: response.rawBody.length,
        durationMs: performance.now() - started,
      };
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (error instanceof TimeoutError) {
        throw new TransportError('timeout', url, `the repository at ${url} did not answer within ${timeoutMs} ms — check that the server is not stuck, or allow a longer timeout`, {cause: error});
      }
      const code = error instanceof RequestError ? error.code : undefined;
      const reason = (code && REASONS[code]) ?? `${(error as Error).message} — check that the server is running and REP_ADDRESS is right`;
      throw new TransportError('unreachable', url, `cannot reach the repository at ${url}: ${reason}`, {cause: error});
    }
  }

  return {
    baseUrl,
    request,
    close() {
      own.http.destroy();
      own.https.destroy();
    },
  };
}
