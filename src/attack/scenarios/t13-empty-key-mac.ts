import {sessionMac} from '../../protocol/classic/envelope.js';
import {wireBody} from '../../protocol/classic/messages.js';
import {isSessionEnvelope} from '../../protocol/classic/session-request.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {finishedMac} from '../../protocol/v2/key-schedule.js';
import {classicRolesRequest, classicSessionThrough, describeAnswer, describeRun, labTransport, openClassicAnswer, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {replaceBytes, setField} from '../tamper.js';

const EMPTY = Buffer.alloc(0);

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const db = ctx.env.main.server.context.db;
  let hA2: Buffer | undefined;
  const proxy = await ctx.proxy(undefined, {
    request(request) {
      if (!isPath(request, V2Path.A3) || !hA2) return;
      return {action: 'forward', body: replaceBytes(request.json, 'finished', 'base64url', finishedMac(EMPTY, 'client', hA2)), note: 'finished = HMAC(empty key, label ‖ 00 ‖ H_a2)'};
    },
  });
  const before = db.countSessions();
  const run = await runV2Client(proxy.url, ctx.env.alice, {
    onEvent: (e) => {
      if (e.type === 'step' && e.step === 'A3.4') hA2 = Buffer.from(String(e.inputs.transcript_hash), 'hex');
    },
  });
  const answer = proxy.log.find((e) => e.path === V2Path.A3);
  const created = db.countSessions() - before;
  ctx.attempt({name: 'A3 finished computed with an empty key over the real H_a2', server: `${describeAnswer(answer?.status ?? 0, answer?.response)}; sessions created: ${created}`, client: describeRun(run), succeeded: (answer?.status ?? 0) === 200 || created > 0});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "replaced the client's A3 finished MAC with HMAC(empty key, \"rep-v2/1 client finished\" ‖ 00 ‖ H_a2) — even given the real transcript hash",
    client: describeRun(run),
    server: `${describeAnswer(answer?.status ?? 0, answer?.response)}; no session stored`,
    check: 'A3.5: k_finished is a 32-byte HKDF-Expand output (salt H_a2, label "rep-v2/1 finished"), never a slice of the raw ECDH secret; the empty-key MAC does not match (constant-time compare) → 401 handshake_failed',
  };
}

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const {outcome, rolesPath: path} = await classicSessionThrough(proxy.url, subject.config);
  const said = (status: number, body: unknown) => `${status} ${JSON.stringify(isSessionEnvelope(body) ? openClassicAnswer(outcome, body) : body)}`;
  proxy.hooks = {
    request(request) {
      if (!isPath(request, path)) return;
      const body = request.json as {data: {message: string; iv: string}};
      proxy.hooks = {};
      return {action: 'forward', body: setField(body, 'signature', sessionMac(EMPTY, body.data.message, body.data.iv)), note: 'signature = HMAC(empty key, message ‖ iv)'};
    },
  };
  const transport = labTransport(proxy.url, true);
  try {
    const forged = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    ctx.attempt({name: 'a session request whose HMAC is computed with an empty key', server: said(forged.status, forged.body), succeeded: forged.status === 200});
    const genuine = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    ctx.attempt({name: 'the genuine request with the same counter, afterwards', server: said(genuine.status, genuine.body), succeeded: genuine.status !== 200});
  } finally {
    transport.close();
  }
  return {
    verdict: verdictOf(ctx.attempts),
    action: "replaced a session request's HMAC with HMAC(empty key, base64(message) ‖ base64(iv)) — what a literal Z[32:] of a raw P-256 secret would key it with",
    client: `the genuine request with the same counter, afterwards: ${ctx.attempts[1].server}`,
    server: `forged: ${ctx.attempts[0].server}`,
    check: 'the reference HKDF-expands the ECDH secret to 64 bytes, so the HMAC key session_key[32:] is 32 bytes, never empty → 403 "Invalid session key"',
  };
}

export const t13: Scenario = {id: 'T13', run: {v2, classic}};
