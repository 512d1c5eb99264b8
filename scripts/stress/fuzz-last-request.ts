import {encodeBody} from './fuzz-bodies.js';
import type {DeepMode} from './fuzz-case-types.js';
import type {FuzzContext} from './fuzz-context.js';
import {applyMutations} from './fuzz-mutations.js';
import {describe, JSON_TYPE, observe, type Observation} from './fuzz-send.js';

/**
 * The bad last request of a deep scenario: the scenario's valid body changed as its `DeepMode` says (fields
 * mutated, a bit flipped, a field truncated, a replay, a chosen plaintext sealed, another body), sent and
 * observed; and the observation that fails a scenario whose valid set-up request was refused.
 */

/** Flips one bit of a base64url (or, for `std`, standard base64) string's bytes; an empty value gets one byte. */
function flipBits(text: unknown, bit: number, std = false): unknown {
  if (typeof text !== 'string') return text;
  const bytes = std ? Buffer.from(text, 'base64') : Buffer.from(text, 'base64url');
  if (bytes.length === 0) return std ? 'AA==' : 'AA';
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << (bit % 8);
  return std ? bytes.toString('base64') : bytes.toString('base64url');
}

function truncated(text: unknown, keep: number, std = false): unknown {
  if (typeof text !== 'string') return text;
  const bytes = std ? Buffer.from(text, 'base64') : Buffer.from(text, 'base64url');
  const cut = bytes.subarray(0, Math.min(keep, Math.max(0, bytes.length - 1)));
  return std ? cut.toString('base64') : cut.toString('base64url');
}

/** Reads and writes `a.b` paths of a plain object copy. */
function withField(body: Record<string, unknown>, path: string, change: (value: unknown) => unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy = {...body};
  copy[head] = rest.length === 0 ? change(copy[head]) : withField((copy[head] ?? {}) as Record<string, unknown>, rest.join('.'), change);
  return copy;
}

/**
 * The last request of a scenario: the valid `body` changed as `how` says, sent once (twice for a replay: the
 * second must fail). `seal` encrypts a chosen plaintext the scenario's way; `std` fields are standard base64.
 */
export async function lastRequest(
  ctx: FuzzContext, route: string, method: string, path: string, body: Record<string, unknown>, how: DeepMode,
  options: {seal?: (plaintext: Buffer) => Record<string, unknown>; std?: boolean; classic?: boolean; wire?: (value: Record<string, unknown>) => Buffer},
): Promise<Observation[]> {
  const wire = options.wire ?? ((value: Record<string, unknown>) => Buffer.from(JSON.stringify(value), 'utf8'));
  const send = (value: Record<string, unknown>, extra: Partial<Observation> = {}) => observe(ctx, route, method, path, wire(value), JSON_TYPE, {classic: options.classic, ...extra});
  switch (how.mode) {
    case 'mutate':
      return [await send(applyMutations(body, how.mutations))];
    case 'flip':
      return [await send(withField(body, how.field, (v) => flipBits(v, how.bit, options.std)))];
    case 'truncate':
      return [await send(withField(body, how.field, (v) => truncated(v, how.keep, options.std)))];
    case 'replay': {
      const first = await send(body, {bad: false});
      return [first, await send(body, {mustFail: true})];
    }
    case 'plaintext':
      if (!options.seal) return [await send(body)];
      return [await send(options.seal(encodeBody(how.plaintext) ?? Buffer.alloc(0)))];
    case 'body': {
      const headers: Record<string, string> = how.contentType === undefined ? {} : {'content-type': how.contentType};
      return [await observe(ctx, route, method, path, encodeBody(how.body), headers, {classic: options.classic})];
    }
  }
}

/** Fails a scenario whose valid set-up request was refused (that is a finding too: the server refused good input). */
export function setupFailed(route: string, what: string, answer: {status: number; body: unknown}): Observation[] {
  return [{route, method: 'POST', path: '-', sent: `set-up: ${what}`, status: answer.status >= 500 ? answer.status : -2, contentType: '', body: Buffer.from(`set-up request refused: HTTP ${answer.status} ${describe(answer.body)}`), bad: false}];
}
