import type {Observation} from './fuzz-send.js';

/**
 * The fuzzer's check of each answer: no 5xx and no missing answer, JSON everywhere it is due, errors in the
 * `{"error", "message"}` shape (or, on the classic routes, the reference's own error formats), and no
 * replayed request accepted.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What is wrong with an answer, or undefined: a 5xx (or no answer) is wrong; every answer but HEAD's and a
 * raw socket's must be JSON; an error must be `{"error", "message"}` as application/json — or, on the classic
 * routes, the reference's own error formats: an encrypted `{"data", "iv"}` envelope, a MAC'd
 * `{"data": {"message", "iv"}, "signature"}` envelope, or the JSON string of an unknown session; a replayed
 * request must not succeed.
 */
export function problemWith(o: Observation): string | undefined {
  if (o.status === -1) return 'no answer (connection failed or timed out)';
  if (o.status === -2 || o.status === -3) return 'a valid set-up request of the scenario failed';
  if (o.status >= 500) return `HTTP ${o.status}`;
  if (o.mustFail && o.status >= 200 && o.status < 300) return `a replayed request was accepted (HTTP ${o.status})`;
  if (o.contentType === 'raw' || o.method === 'HEAD') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(o.body.toString('utf8'));
  } catch {
    return `the answer (HTTP ${o.status}, ${o.contentType}) is not JSON`;
  }
  if (o.status < 400) return undefined;
  if (/^application\/json/.test(o.contentType) && isRecord(json) && typeof json.error === 'string' && typeof json.message === 'string' && Object.keys(json).length === 2) return undefined;
  if (o.classic) {
    if (/^text\/html/.test(o.contentType) && (typeof json === 'string' || (isRecord(json) && typeof json.data === 'string' && typeof json.iv === 'string'))) return undefined;
    if (/^application\/json/.test(o.contentType) && isRecord(json) && isRecord(json.data) && typeof json.signature === 'string') return undefined;
  }
  return `the error answer is not {"error","message"} JSON (HTTP ${o.status}, ${o.contentType})`;
}
