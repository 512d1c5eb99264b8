import fc from 'fast-check';
import {aesCbcEncrypt, aesGcmEncrypt} from '../../src/crypto/aead.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {hmacSha256} from '../../src/crypto/hash.js';
import {systemRng} from '../../src/crypto/random.js';
import {finishA0 as classicFinishA0, startA0 as classicStartA0, type ClassicInitiatorConfig} from '../../src/protocol/classic/initiator.js';
import {splitSessionKey} from '../../src/protocol/classic/keys.js';
import {encodeKeyExchangeRequest, parseKeyExchangeAnswer, wireBody} from '../../src/protocol/classic/messages.js';
import {runClassicHandshake} from '../../src/protocol/classic/client-runner.js';
import {signData} from '../../src/protocol/classic/signatures.js';
import {runV2Handshake} from '../../src/protocol/v2/client-runner.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {buildA1, finishA0, handleA2, startA0} from '../../src/protocol/v2/initiator.js';
import {encodeA0Request, encodeA1Request, encodeA3Request, parseA0Answer, parseA2Answer} from '../../src/protocol/v2/messages.js';
import {encodeRequestRecord, recordAad, recordNonce, sealRecord} from '../../src/protocol/v2/session-request.js';
import {createClassicSubject, uniqueName, type Target} from './clients.js';
import {applyMutations, encodeBody, fuzzCase, type DeepCase, type DeepMode, type FuzzCase, type HttpCase, type SocketCase} from './fuzz-cases.js';
import {fuzzMaterial} from './fuzz-material.js';
import {createRawClient, sendRawBytes, type RawAnswer, type RawClient} from './http.js';

/** Live state the deep scenarios build on: real v2 sessions, a real classic session, a classic subject. */
export interface FuzzContext {
  readonly target: Target;
  readonly raw: RawClient;
  readonly v2Sessions: Array<{readonly id: Buffer; readonly c2s: Buffer; readonly s2c: Buffer; next: number}>;
  readonly classicSession: {readonly id: number; readonly key: Buffer; readonly nonce: string; readonly organization: string; counter: number};
  /** A classic subject without a session (its signed requests reach the signature check). */
  readonly classicSigner: Omit<ClassicInitiatorConfig, 'record'>;
  close(): void;
}

/** Makes the live state: 4 v2 sessions for acme/alice, a classic organization with a session, another without. */
export async function prepareFuzzContext(target: Target, options: {maxSockets?: number} = {}): Promise<FuzzContext> {
  const v2Sessions = [];
  for (let i = 0; i < 4; i++) {
    const outcome = await runV2Handshake({transport: target.transport}, target.alice);
    v2Sessions.push({id: outcome.sessionId, c2s: outcome.keys.clientToServer, s2c: outcome.keys.serverToClient, next: 1});
  }
  const classicSubject = await createClassicSubject(target, uniqueName('fuzz'), uniqueName('fuzzer'));
  const outcome = await runClassicHandshake({transport: target.classicTransport}, classicSubject);
  const classicSigner = await createClassicSubject(target, uniqueName('fuzz'), uniqueName('signer'));
  const raw = createRawClient(target.url, {maxSockets: options.maxSockets ?? 16});
  return {
    target, raw, v2Sessions, classicSigner,
    // Counters of valid requests start above anything the `fields` cases send, so they are accepted.
    classicSession: {id: outcome.sessionId, key: outcome.sessionKey, nonce: outcome.nonce, organization: outcome.organization, counter: 2 ** 41},
    close: () => raw.close(),
  };
}

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

const describe = (value: unknown) => {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? `<${value.length} bytes> ${value.subarray(0, 80).toString('latin1')}` : JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

async function observe(ctx: FuzzContext, route: string, method: string, path: string, body: Buffer | undefined, headers: Record<string, string>, extra: Partial<Observation> = {}): Promise<Observation> {
  let answer: RawAnswer;
  try {
    answer = await ctx.raw.request({method, path, headers, body});
  } catch (error) {
    return {route, method, path, sent: describe(body ?? ''), status: -1, contentType: '', body: Buffer.from(`request failed: ${(error as Error).message}`), bad: true, ...extra};
  }
  const contentType = String(answer.headers['content-type'] ?? '');
  return {route, method, path, sent: describe(body ?? ''), status: answer.status, contentType, body: answer.body, bad: true, ...extra};
}

const JSON_TYPE = {'content-type': 'application/json'};

async function runHttp(ctx: FuzzContext, c: HttpCase): Promise<Observation[]> {
  const headers: Record<string, string> = {...c.extraHeaders};
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  const classic = !c.path.startsWith('/v2/');
  return [await observe(ctx, c.route, c.method, c.path, encodeBody(c.body), headers, {classic})];
}

async function runSocket(ctx: FuzzContext, c: SocketCase): Promise<Observation[]> {
  const {received} = await sendRawBytes(ctx.target.url, c.bytes, c.close);
  const statuses = [...received.toString('latin1').matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
  const worst = statuses.length === 0 ? 0 : Math.max(...statuses);
  return [{route: c.route, method: '-', path: '-', sent: describe(Buffer.from(c.bytes)), status: worst, contentType: 'raw', body: received, bad: true}];
}

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
async function lastRequest(
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
function setupFailed(route: string, what: string, answer: {status: number; body: unknown}): Observation[] {
  return [{route, method: 'POST', path: '-', sent: `set-up: ${what}`, status: answer.status >= 500 ? answer.status : -2, contentType: '', body: Buffer.from(`set-up request refused: HTTP ${answer.status} ${describe(answer.body)}`), bad: false}];
}

async function runV2A1(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-a1'}>): Promise<Observation[]> {
  const {alice, transport} = ctx.target;
  const a0 = startA0(alice);
  const first = await transport.request('POST', V2Path.A0, encodeA0Request(a0.request));
  if (first.status !== 200) return setupFailed(c.route, 'A0', first);
  const channel = finishA0(alice, a0.state, parseA0Answer(first.body));
  const a1 = buildA1(alice, channel);
  const seal = (plaintext: Buffer) => {
    const iv = systemRng(12);
    const sealed = aesGcmEncrypt(channel.keys.clientToServer, iv, plaintext, channel.transcript.hash);
    return {channel_id: toBase64Url(channel.channelId), iv: toBase64Url(iv), ciphertext: toBase64Url(sealed.ciphertext), tag: toBase64Url(sealed.tag)};
  };
  return lastRequest(ctx, c.route, 'POST', V2Path.A1, encodeA1Request(a1.request), c.how, {seal});
}

async function runV2A3(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-a3'}>): Promise<Observation[]> {
  const {alice, transport} = ctx.target;
  const a0 = startA0(alice);
  const first = await transport.request('POST', V2Path.A0, encodeA0Request(a0.request));
  if (first.status !== 200) return setupFailed(c.route, 'A0', first);
  const a1 = buildA1(alice, finishA0(alice, a0.state, parseA0Answer(first.body)));
  const second = await transport.request('POST', V2Path.A1, encodeA1Request(a1.request));
  if (second.status !== 200) return setupFailed(c.route, 'A1', second);
  const a3 = handleA2(alice, a1.state, parseA2Answer(second.body));
  return lastRequest(ctx, c.route, 'POST', V2Path.A3, encodeA3Request(a3.request), c.how, {});
}

async function runWhoami(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'v2-whoami'}>): Promise<Observation[]> {
  const session = ctx.v2Sessions[Math.floor(Math.random() * ctx.v2Sessions.length)];
  const sequence = session.next++;
  const route: {method: string; path: string} = {method: 'POST', path: V2Path.Whoami};
  const record = (seq = sequence, key = session.c2s, on = route) => encodeRequestRecord(sealRecord('request', key, session.id, seq, on, {}));
  const send = (body: unknown) => observe(ctx, c.route, 'POST', V2Path.Whoami, Buffer.from(JSON.stringify(body)), JSON_TYPE);
  const how = c.how;
  if (how.mode === 'sequence') {
    const valid = typeof how.sequence === 'number' && Number.isSafeInteger(how.sequence) && how.sequence >= 0;
    return [await send(valid ? record(how.sequence as number) : {...record(), sequence: how.sequence})];
  }
  if (how.mode === 'wrong-key') return [await send(record(sequence, session.s2c))];
  if (how.mode === 'wrong-path') return [await send(record(sequence, session.c2s, {method: 'POST', path: '/v2/whoamI'}))];
  const seal = (plaintext: Buffer) => {
    const raw = aesGcmEncrypt(session.c2s, recordNonce(sequence), plaintext, recordAad('request', session.id, sequence, route));
    return {...record(), ciphertext: toBase64Url(raw.ciphertext), tag: toBase64Url(raw.tag)};
  };
  return lastRequest(ctx, c.route, 'POST', V2Path.Whoami, record(), how, {seal});
}

async function runClassicPhase2(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'classic-phase2'}>): Promise<Observation[]> {
  const {classicChannel, classicTransport} = ctx.target;
  const path = c.exchange === 'sessions' ? '/sessions' : '/organizations';
  const method = c.exchange === 'org-list' ? 'GET' : 'POST';
  const a0 = classicStartA0(classicChannel);
  const first = await classicTransport.request(method, path, wireBody(encodeKeyExchangeRequest(a0.request)));
  if (first.status !== 200) return setupFailed(c.route, 'phase 1', first);
  const channel = classicFinishA0(classicChannel, a0.state, parseKeyExchangeAnswer(first.body));
  const material = fuzzMaterial();
  const signer = ctx.classicSigner;
  const encrypt = (plaintext: Buffer) => {
    const iv = systemRng(16);
    return {client_ephemeral_public_key: channel.clientKey, message: aesCbcEncrypt(channel.key, iv, plaintext).toString('base64'), iv: iv.toString('base64')};
  };
  const plaintext = c.exchange === 'sessions'
    ? {data: {public_key: material.pems[0], organization: signer.organization, username: signer.username}, signature: 'AAAA'}
    : c.exchange === 'org-create'
      ? {organization: uniqueName('fz'), username: uniqueName('fz'), name: 'Fuzz', email: 'fuzz@example.org', public_key: material.pems[1]}
      : {};
  const body = encrypt(Buffer.from(JSON.stringify(plaintext)));
  const how = c.how;
  if (how.mode === 'signed') {
    // A correctly signed session request whose session key is bad: passes the signature check, then refused.
    const data = {public_key: how.publicKey, organization: signer.organization, username: signer.username};
    const signed = encrypt(Buffer.from(JSON.stringify({data, signature: signData(signer.subject, data)})));
    return [await observe(ctx, c.route, method, path, Buffer.from(JSON.stringify(signed)), JSON_TYPE, {classic: true})];
  }
  return lastRequest(ctx, c.route, method, path, body, how, {seal: encrypt, std: true, classic: true});
}

async function runRoles(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'classic-roles'}>): Promise<Observation[]> {
  const session = ctx.classicSession;
  const {encryption, integrity} = splitSessionKey(session.key);
  const seal = (plaintext: Buffer, sessionId: unknown = session.id) => {
    const iv = systemRng(16);
    const message = aesCbcEncrypt(encryption, iv, plaintext).toString('base64');
    const ivText = iv.toString('base64');
    const body: Record<string, unknown> = {data: {message, iv: ivText}, signature: hmacSha256(integrity, Buffer.from(message + ivText)).toString('base64')};
    if (sessionId !== undefined) body.session_id = sessionId;
    return body;
  };
  const path = (organization: string) => `/organizations/${encodeURIComponent(organization)}/sessions/${session.id}/roles`;
  const how = c.how;
  if (how.mode === 'fields') {
    const counter = how.counter;
    const plaintext: Record<string, unknown> = {session_id: how.sessionId === 'real' ? session.id : how.sessionId};
    if (counter !== undefined) plaintext.counter = counter;
    if (how.nonce !== undefined) plaintext.nonce = how.nonce === 'real' ? session.nonce : how.nonce;
    const body = seal(Buffer.from(JSON.stringify(plaintext)), how.sessionId === 'real' ? session.id : how.sessionId);
    return [await observe(ctx, c.route, 'GET', path(how.organization === 'real' ? session.organization : how.organization), Buffer.from(JSON.stringify(body)), JSON_TYPE, {classic: true})];
  }
  const valid = seal(Buffer.from(JSON.stringify({session_id: session.id, counter: ++session.counter, nonce: session.nonce})));
  return lastRequest(ctx, c.route, 'GET', path(session.organization), valid, how, {seal: (p) => seal(p), std: true, classic: true});
}

/** Performs one case; every answer it got, the fuzzed ones marked `bad`. */
export async function runCase(ctx: FuzzContext, c: FuzzCase): Promise<Observation[]> {
  try {
    switch (c.kind) {
      case 'http':
        return await runHttp(ctx, c);
      case 'socket':
        return await runSocket(ctx, c);
      case 'v2-a1':
        return await runV2A1(ctx, c);
      case 'v2-a3':
        return await runV2A3(ctx, c);
      case 'v2-whoami':
        return await runWhoami(ctx, c);
      case 'classic-phase2':
        return await runClassicPhase2(ctx, c);
      case 'classic-roles':
        return await runRoles(ctx, c);
    }
  } catch (error) {
    return [{route: c.route, method: '-', path: '-', sent: describe(c), status: -3, contentType: '', body: Buffer.from(`scenario failed: ${(error as Error).stack ?? String(error)}`), bad: false}];
  }
}

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

/** Counts of one fuzz run. */
export interface FuzzStats {
  /** Generated bad requests sent (HTTP requests and raw connections). */
  badRequests: number;
  /** Every request, including the valid set-up requests of the scenarios. */
  requests: number;
  /** Bad requests per route. */
  routes: Record<string, number>;
  /** Answers per status (0: a raw connection closed without an answer). */
  statuses: Record<string, number>;
  violations: string[];
  seconds: number;
}

/** Adds `b`'s counts into `a`. */
export function mergeStats(a: FuzzStats, b: FuzzStats): FuzzStats {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    for (const [k, v] of Object.entries(y)) x[k] = (x[k] ?? 0) + v;
    return x;
  };
  return {
    badRequests: a.badRequests + b.badRequests, requests: a.requests + b.requests, routes: add({...a.routes}, b.routes),
    statuses: add({...a.statuses}, b.statuses), violations: [...a.violations, ...b.violations], seconds: a.seconds + b.seconds,
  };
}

export const emptyStats = (): FuzzStats => ({badRequests: 0, requests: 0, routes: {}, statuses: {}, violations: [], seconds: 0});

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** Bad requests to generate (cases; a replay sends two). */
  readonly cases: number;
  /** Cases sent at once (one fast-check run each). Default 32. */
  readonly batch?: number;
  readonly seed?: number;
  /** Stop generating after this long (ms); the counts say how far it got. */
  readonly timeLimitMs?: number;
  /** Let fast-check shrink a failing batch (slow: every step resends requests). Default false. */
  readonly shrink?: boolean;
}

/**
 * Sends `cases` generated bad requests to the target in batches (fast-check `asyncProperty` over arrays of
 * cases; the property: no answer in the batch has a problem, see {@link problemWith}). Throws fast-check's
 * report (seed, path, the failing batch and every problem) on the first failing batch.
 */
export async function runFuzz(ctx: FuzzContext, options: FuzzOptions): Promise<FuzzStats> {
  const stats = emptyStats();
  const started = performance.now();
  const batch = options.batch ?? 32;
  const arbitrary = fc.array(fuzzCase(fuzzMaterial()), {minLength: batch, maxLength: batch});
  try {
    await fc.assert(fc.asyncProperty(arbitrary, async (cases) => {
      const observed = (await Promise.all(cases.map((c) => runCase(ctx, c)))).flat();
      const problems: string[] = [];
      for (const o of observed) {
        stats.requests++;
        if (o.bad) {
          stats.badRequests++;
          stats.routes[o.route] = (stats.routes[o.route] ?? 0) + 1;
        }
        stats.statuses[String(o.status)] = (stats.statuses[String(o.status)] ?? 0) + 1;
        const problem = problemWith(o);
        if (problem) problems.push(`${problem}: ${o.route} — ${o.method} ${describe(o.path)} body ${o.sent} → ${o.status} ${o.contentType} ${describe(o.body.toString('utf8'))}`);
      }
      if (problems.length > 0) {
        stats.violations.push(...problems);
        throw new Error(problems.join('\n'));
      }
    }), {
      numRuns: Math.ceil(options.cases / batch), seed: options.seed, endOnFailure: !options.shrink,
      interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false,
    });
  } catch (error) {
    // fast-check's report prints the whole failing batch (up to megabytes): keep its first line (seed, path)
    // and the problems found.
    const head = String((error as Error).message).split('\n')[0];
    throw new Error(`${head}\n${stats.violations.slice(0, 20).join('\n')}`);
  } finally {
    stats.seconds = (performance.now() - started) / 1000;
  }
  return stats;
}

