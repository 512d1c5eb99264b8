import {ClassicPath} from '../../protocol/classic/constants.js';
import {wireBody} from '../../protocol/classic/messages.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {classicRolesRequest, classicSessionThrough, describeAnswer, describeRun, labTransport, openClassicAnswer, openV2Whoami, refusalMessage, runClassicClient, runV2Client, v2WhoamiRequest} from '../clients.js';
import {answersOf, isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {flipBit, type FieldEncoding} from '../tamper.js';

/** A request hook that flips one bit of `field` in the first request on `path`. */
function flipOnce(path: string, field: string, encoding: FieldEncoding, byte = -1, bit = 0, when: (body: unknown) => boolean = () => true) {
  let done = false;
  return {
    request(request: {path: string; json: unknown}) {
      if (done || !isPath(request, path) || !when(request.json)) return;
      done = true;
      return {action: 'forward' as const, body: flipBit(request.json, field, encoding, byte, bit), note: `one bit of ${field} flipped`};
    },
  };
}

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const db = ctx.env.main.server.context.db;
  const handshakeFlips: Array<[string, string]> = [[V2Path.A1, 'iv'], [V2Path.A1, 'ciphertext'], [V2Path.A1, 'tag'], [V2Path.A1, 'channel_id'], [V2Path.A3, 'finished']];
  for (const [path, field] of handshakeFlips) {
    const proxy = await ctx.proxy(undefined, flipOnce(path, field, 'base64url'));
    const before = db.countSessions();
    const run = await runV2Client(proxy.url, ctx.env.alice);
    const answer = proxy.log.find((e) => e.action === 'altered');
    const created = db.countSessions() - before;
    ctx.attempt({
      name: `flip one bit of ${path === V2Path.A1 ? 'A1' : 'A3'} ${field}`, server: `${describeAnswer(answer?.status ?? 0, answer?.response)}; sessions created: ${created}`,
      client: describeRun(run), succeeded: run.outcome !== undefined || created !== 0 || answer?.status !== 401,
    });
  }
  // A session request: the flipped record is refused and changes nothing — the genuine one still works.
  const proxy = await ctx.proxy();
  const session = await runV2Client(proxy.url, ctx.env.alice);
  if (!session.outcome) throw new Error(`the v2 handshake failed: ${describeRun(session)}`);
  const transport = labTransport(proxy.url, false);
  try {
    for (const field of ['ciphertext', 'tag']) {
      proxy.hooks = flipOnce(V2Path.Whoami, field, 'base64url');
      const flipped = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(session.outcome, 1));
      ctx.attempt({name: `flip one bit of a whoami record's ${field}`, server: describeAnswer(flipped.status, flipped.body), succeeded: flipped.status === 200});
    }
    proxy.hooks = {};
    const genuine = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(session.outcome, 1));
    const opened = openV2Whoami(session.outcome, genuine.body);
    ctx.attempt({name: 'the genuine record with the same sequence number, afterwards', server: describeAnswer(genuine.status, genuine.body), client: opened ? 'answer opened: sequence 1 was not consumed by the flipped copies' : 'did not open', succeeded: !opened});
  } finally {
    transport.close();
  }
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'flipped one bit of A1 (iv, ciphertext, tag, channel_id), of A3 finished, and of a whoami record (ciphertext, tag), one per run',
    client: answersOf(ctx.attempts, 'client'),
    server: answersOf(ctx.attempts),
    check: 'AES-256-GCM at A2.1 (AAD H_a0, and a flipped channel_id names no channel) and for records (AAD = label, session_id, sequence, method, path); the finished MAC at A3.5 (constant time); one generic error each',
  };
}

const isMessage3 = (body: unknown) => typeof (body as {client_ephemeral_public_key?: unknown})?.client_ephemeral_public_key === 'string';
const isMessage4 = (body: unknown) => typeof (body as {data?: unknown})?.data === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const latest = () => ctx.env.main.server.context.db.classic.latest(subject.organization, subject.username);
  // A1 (message 3): a bit of the IV changes `"publi` into `"publh` (CBC does not notice); a ciphertext bit garbles a block.
  for (const [field, byte, name] of [['iv', 15, 'IV (the first block: "public_key" → "publhc_key")'], ['message', 40, 'ciphertext (garbles one block)']] as const) {
    const proxy = await ctx.proxy(undefined, flipOnce(ClassicPath.Sessions, field, 'base64', byte, 0, isMessage3));
    const run = await runClassicClient(proxy.url, subject.config);
    const answer = proxy.log.find((e) => e.action === 'altered');
    ctx.attempt({name: `flip one bit of A1's ${name}`, server: `${answer?.status} (encrypted) "${refusalMessage(run)}"; session created: ${latest() !== undefined}`, client: describeRun(run), succeeded: run.outcome !== undefined});
  }
  // The answer (message 4): a bit of its IV changes `"sessi` into `"sessh`; the client's signature check refuses it.
  const other = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  let flipped = false;
  proxy.hooks = {
    response(request, answer) {
      if (flipped || !isPath(request, ClassicPath.Sessions) || !isMessage4(answer.json)) return;
      flipped = true;
      return {action: 'replace', body: flipBit(answer.json, 'iv', 'base64', 15, 0), note: 'one bit of the answer\'s IV flipped'};
    },
  };
  const run = await runClassicClient(proxy.url, other.config);
  const stored = ctx.env.main.server.context.db.classic.latest(other.organization, other.username);
  ctx.attempt({
    name: 'flip one bit of the A2 answer\'s IV ("session_id" → "sesshon_id" after decryption)', succeeded: run.outcome !== undefined,
    server: `201, session ${stored?.id} already stored (the subject is now locked out for 600 s)`, client: describeRun(run),
  });
  // A session request: the HMAC refuses it; the genuine request with the same counter still works.
  const {outcome, rolesPath: path} = await classicSessionThrough(proxy.url, subject.config);
  const transport = labTransport(proxy.url, true);
  try {
    const open = (body: unknown) => openClassicAnswer(outcome, body);
    proxy.hooks = flipOnce(path, 'data.message', 'base64', 20);
    const bad = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    ctx.attempt({name: 'flip one bit of a session request\'s ciphertext', server: `${bad.status} ${JSON.stringify(open(bad.body))}`, succeeded: bad.status === 200});
    proxy.hooks = {};
    const good = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    ctx.attempt({name: 'the genuine request with the same counter, afterwards', server: `${good.status} ${JSON.stringify(open(good.body))}`, succeeded: good.status !== 200});
  } finally {
    transport.close();
  }
  const [ivFlip, cipherFlip, answerFlip, requestFlip] = ctx.attempts;
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'flipped one bit of A1 (IV, then ciphertext), of the A2 answer\'s IV, and of a session request\'s ciphertext',
    client: `A1 IV: ${ivFlip.client}; A2 answer: ${answerFlip.client}`,
    server: `A1 IV: ${ivFlip.server}; A1 ciphertext: ${cipherFlip.server}; session request: ${requestFlip.server}`,
    check: 'AES-CBC has no MAC, so the cipher noticed nothing: the altered IV decrypted cleanly and was refused later by the field check, the A2 answer by the repository signature (A3.2, after the server had stored the session), the session request by the HMAC (403 Invalid session key); each with its own, distinguishable error',
  };
}

export const t01: Scenario = {id: 'T1', run: {v2, classic}};
