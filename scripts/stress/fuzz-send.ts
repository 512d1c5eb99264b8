import {encodeBody} from './fuzz-bodies.js';
import type {HttpCase, SocketCase} from './fuzz-case-types.js';
import type {FuzzContext} from './fuzz-context.js';
import {sendRawBytes, type RawAnswer} from './http.js';

/**
 * Sending fuzzed requests and recording what came back: an `Observation` per answer (route, what was sent,
 * status, content type, body), a short printable description of values, and the two plain kinds of case,
 * one HTTP request and raw bytes on a socket.
 */

/** One answer to a fuzzed request, with what the checks need. */
export interface Observation {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** A short description of what was sent. */
  readonly sent: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** True for the second send of a replay: it must not succeed. */
  readonly mustFail?: boolean;
  /** Classic routes may answer errors in the reference's own formats (encrypted envelopes, a JSON string). */
  readonly classic?: boolean;
  /** True for requests the fuzzer generated (not the valid set-up requests of a scenario). */
  readonly bad: boolean;
}

export const describe = (value: unknown) => {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? `<${value.length} bytes> ${value.subarray(0, 80).toString('latin1')}` : JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

export async function observe(ctx: FuzzContext, route: string, method: string, path: string, body: Buffer | undefined, headers: Record<string, string>, extra: Partial<Observation> = {}): Promise<Observation> {
  let answer: RawAnswer;
  try {
    answer = await ctx.raw.request({method, path, headers, body});
  } catch (error) {
    return {route, method, path, sent: describe(body ?? ''), status: -1, contentType: '', body: Buffer.from(`request failed: ${(error as Error).message}`), bad: true, ...extra};
  }
  const contentType = String(answer.headers['content-type'] ?? '');
  return {route, method, path, sent: describe(body ?? ''), status: answer.status, contentType, body: answer.body, bad: true, ...extra};
}

export const JSON_TYPE = {'content-type': 'application/json'};

export async function runHttp(ctx: FuzzContext, c: HttpCase): Promise<Observation[]> {
  const headers: Record<string, string> = {...c.extraHeaders};
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  const classic = !c.path.startsWith('/v2/');
  return [await observe(ctx, c.route, c.method, c.path, encodeBody(c.body), headers, {classic})];
}

export async function runSocket(ctx: FuzzContext, c: SocketCase): Promise<Observation[]> {
  const {received} = await sendRawBytes(ctx.target.url, c.bytes, c.close);
  const statuses = [...received.toString('latin1').matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
  const worst = statuses.length === 0 ? 0 : Math.max(...statuses);
  return [{route: c.route, method: '-', path: '-', sent: describe(Buffer.from(c.bytes)), status: worst, contentType: 'raw', body: received, bad: true}];
}
