import type {JsonTransport} from '../../client/transport.js';
import {sessionRolesPath} from '../../protocol/classic/constants.js';
import {wireBody} from '../../protocol/classic/messages.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {classicRolesRequest, classicSessionThrough, describeAnswer, describeRun, labTransport, openClassicAnswer, openV2Whoami, runV2Client, v2WhoamiRequest} from '../clients.js';
import type {MitmProxy} from '../proxy.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

/** Drops the next request on `path` (the attacker holds it) and resolves with its body. */
function holdNext(proxy: MitmProxy, path: string): Promise<unknown> {
  return new Promise((resolve) => {
    proxy.hooks = {
      request(request) {
        if (!isPath(request, path)) return;
        proxy.hooks = {};
        resolve(request.json);
        return {action: 'drop', note: 'held by the attacker'};
      },
    };
  });
}

async function sendIgnoringDrop(transport: JsonTransport, method: 'GET' | 'POST', path: string, body: unknown): Promise<void> {
  await transport.request(method, path, body).catch(() => undefined);
}

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const session = await runV2Client(proxy.url, ctx.env.alice);
  if (!session.outcome) throw new Error(`the v2 handshake failed: ${describeRun(session)}`);
  const outcome = session.outcome;
  const transport = labTransport(proxy.url, false);
  try {
    const held = holdNext(proxy, V2Path.Whoami);
    await sendIgnoringDrop(transport, 'POST', V2Path.Whoami, v2WhoamiRequest(outcome, 1));
    const one = await held;
    const two = v2WhoamiRequest(outcome, 2);
    const answer2 = await transport.request('POST', V2Path.Whoami, two);
    ctx.attempt({name: 'the client sends request 1 (held by the attacker), then request 2', server: `request 2: ${describeAnswer(answer2.status, answer2.body)}`, client: openV2Whoami(outcome, answer2.body) ? 'request 2 answered' : 'no answer', succeeded: false});
    const reordered = await proxy.inject('POST', V2Path.Whoami, one, {note: 'request 1 delivered after request 2'});
    ctx.attempt({name: 'reorder: deliver the held request 1 after request 2', server: describeAnswer(reordered.status, reordered.json), succeeded: reordered.status === 200});
    const replayed = await proxy.inject('POST', V2Path.Whoami, two, {note: 'request 2 again'});
    ctx.attempt({name: 'replay request 2', server: describeAnswer(replayed.status, replayed.json), succeeded: replayed.status === 200});
    proxy.hooks = {request: (request) => (isPath(request, '/v2/documents') ? {action: 'forward', path: V2Path.Whoami, note: 'moved from /v2/documents to /v2/whoami'} : undefined)};
    const moved = await transport.request('POST', '/v2/documents', v2WhoamiRequest(outcome, 3, '/v2/documents'));
    ctx.attempt({name: 'move: a request sealed for POST /v2/documents delivered on POST /v2/whoami', server: describeAnswer(moved.status, moved.body), succeeded: moved.status === 200});
    proxy.hooks = {};
    const genuine = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(outcome, 3));
    ctx.attempt({name: 'the client\'s genuine request 3, afterwards', server: describeAnswer(genuine.status, genuine.body), client: openV2Whoami(outcome, genuine.body) ? 'answered: nothing was consumed by the attempts' : 'refused', succeeded: genuine.status !== 200});
  } finally {
    transport.close();
  }
  const [, reordered, replayed, moved] = ctx.attempts;
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'held a whoami request and delivered it after the next one (reorder), replayed a request, and moved a request sealed for another path onto /v2/whoami',
    client: `${ctx.attempts[0].client}; genuine request 3 afterwards: ${ctx.attempts[4].client}`,
    server: `reorder: ${reordered.server}; replay: ${replayed.server}; move: ${moved.server}`,
    check: 'records: sequence > last_sequence (reorder, replay → 401 session_rejected before decrypting); the AAD holds label, session_id, sequence, METHOD and path, so a record sealed for another path fails AES-256-GCM (→ 401 session_rejected, nothing consumed)',
  };
}

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const {outcome, rolesPath: path} = await classicSessionThrough(proxy.url, subject.config);
  const opened = (body: unknown) => openClassicAnswer(outcome, body);
  const said = (status: number, body: unknown) => `${status} ${JSON.stringify(opened(body) ?? body)}`;
  const transport = labTransport(proxy.url, true);
  try {
    const held = holdNext(proxy, path);
    await sendIgnoringDrop(transport, 'GET', path, wireBody(classicRolesRequest(outcome, 1)));
    const one = await held;
    const two = classicRolesRequest(outcome, 2);
    const answer2 = await transport.request('GET', path, wireBody(two));
    ctx.attempt({name: 'the client sends request 1 (held by the attacker), then request 2', server: `request 2: ${said(answer2.status, answer2.body)}`, succeeded: false});
    const reordered = await proxy.inject('GET', path, one, {note: 'request 1 delivered after request 2'});
    ctx.attempt({name: 'reorder: deliver the held request 1 after request 2', server: said(reordered.status, reordered.json), succeeded: reordered.status === 200});
    const replayed = await proxy.inject('GET', path, two, {note: 'request 2 again'});
    ctx.attempt({name: 'replay request 2', server: said(replayed.status, replayed.json), succeeded: replayed.status === 200});
    const elsewhere = sessionRolesPath(outcome.organization, outcome.sessionId + 1000);
    proxy.hooks = {request: (request) => (isPath(request, path) ? {action: 'forward', path: elsewhere, note: `moved to ${elsewhere}`} : undefined)};
    const moved = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 3)));
    ctx.attempt({name: `move: request 3 delivered on ${elsewhere}`, server: said(moved.status, moved.body), client: opened(moved.body) ? 'the answer carries the session\'s MAC: accepted' : 'refused', succeeded: moved.status === 200});
  } finally {
    transport.close();
  }
  const [, reordered, replayed, moved] = ctx.attempts;
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'held a session request and delivered it after the next one (reorder), replayed a request, and moved one to a path naming another session',
    client: `request 2 answered; the moved request 3: ${moved.client}`,
    server: `reorder: ${reordered.server}; replay: ${replayed.server}; moved: ${moved.server}`,
    check: 'replay and reorder are refused by the counter (403 Invalid message order); nothing covers the path: the HMAC is over base64(message) ‖ base64(iv) only, so the moved request was accepted (against the reference, the same move retargets path parameters such as …/roles/{role})',
  };
}

export const t09: Scenario = {id: 'T9', run: {v2, classic}};
