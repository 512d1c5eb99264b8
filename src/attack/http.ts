import http from 'node:http';

/** An HTTP answer read completely: status, content type, raw bytes and the JSON body when it is JSON. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly raw: Buffer;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

/** Parses bytes as JSON, or undefined. */
export function parseJsonOrUndefined(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The bytes to send for a body: Buffers and strings as they are, anything else as JSON text. */
export function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/**
 * One request with node:http over `agent` (keep-alive for the padding oracle's thousands of queries). A body
 * is sent as `application/json` (GETs too: the classic suite's GETs carry JSON bodies).
 */
export function sendHttp(agent: http.Agent, baseUrl: string, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const payload = bodyBytes(body);
  const headers: Record<string, string> = {accept: 'application/json', 'user-agent': 'rep-attack-lab'};
  if (payload) Object.assign(headers, {'content-type': 'application/json', 'content-length': String(payload.length)});
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, baseUrl), {method, headers, agent}, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({status: response.statusCode ?? 0, contentType: response.headers['content-type'], raw, json: parseJsonOrUndefined(raw)});
      });
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${baseUrl}${path} within 30 s`)));
    request.on('error', reject);
    request.end(payload);
  });
}
