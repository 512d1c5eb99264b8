import {aesGcmDecrypt} from '../../crypto/aead.js';
import {toBase64Url} from '../../crypto/bytes.js';
import {nodeSigner} from '../../crypto/ecdsa.js';
import {nodeDerSigner} from '../../crypto/ecdsa-der.js';
import {systemRng} from '../../crypto/random.js';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {sealJson} from '../../protocol/classic/envelope.js';
import {encodeKeyExchangeAnswer, parseAnonymousRequest, parseKeyExchangeRequest} from '../../protocol/classic/messages.js';
import {pyJsonDumps} from '../../protocol/classic/py-json.js';
import type {PyValue} from '../../protocol/classic/py-repr.js';
import {answerKeyExchange, createClassicResponderState, openAnonymousRequest} from '../../protocol/classic/responder.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {encodeA0Answer, parseA0Request, parseA1Request} from '../../protocol/v2/messages.js';
import {answerA0, createResponder} from '../../protocol/v2/responder.js';
import {openClassic, openClassicChannel, openV2Channel, sealClassic, sealV2A1} from '../attacker.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

const REFERENCE_TYPE = 'text/html; charset=utf-8';

/**
 * v2: the malicious repository (it holds repository 1's key: the one the subject pins) answers A0 itself,
 * opens the subject's A1, and re-seals that A1 in a channel it opens with repository 2.
 */
async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const second = await ctx.env.second();
  const own = ctx.env.main.server.context.repository;
  const config = {repository: nodeSigner(own.privateKey), audience: ctx.env.alice.audience, rng: systemRng, clock: Date.now, findSubject: () => undefined};
  const state = createResponder();
  const proxy = await ctx.proxy();
  let relayed = '';
  const before = second.server.context.db.countSessions();
  proxy.hooks = {
    async request(request) {
      if (isPath(request, V2Path.A0)) return {action: 'respond', status: 200, body: encodeA0Answer(answerA0(config, state, parseA0Request(request.json))), note: 'the malicious repository answers A0'};
      if (!isPath(request, V2Path.A1)) return;
      const a1 = parseA1Request(request.json);
      const channel = state.channels.take(toBase64Url(a1.channelId))!;
      const plaintext = aesGcmDecrypt(channel.keys.clientToServer, a1.iv, a1, channel.transcript.hash);
      const channel2 = await openV2Channel(proxy, second.v2Key, second.url);
      const answer = await proxy.inject('POST', V2Path.A1, sealV2A1(channel2, plaintext), {upstream: second.url, note: "the subject's A1, relayed to repository 2"});
      relayed = describeAnswer(answer.status, answer.json);
      return {action: 'respond', status: 401, body: {error: 'handshake_failed', message: 'the repository refused the session request'}};
    },
  };
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const created = second.server.context.db.countSessions() - before;
  ctx.attempt({name: "repository 1 opens the subject's A1 and relays it to repository 2 in a new channel", server: `repository 2: ${relayed}; sessions created there: ${created}`, client: `${describeRun(run)} (repository 1 gave up)`, succeeded: created > 0});
  proxy.hooks = {request: () => ({action: 'forward', upstream: second.url, note: 'relayed to repository 2 as it is'})};
  const transparent = await runV2Client(proxy.url, ctx.env.alice);
  ctx.attempt({name: "relay the subject's messages to repository 2 unchanged", server: 'repository 2 answered A0 (signed with its own key, its own audience)', client: describeRun(transparent), succeeded: transparent.outcome !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "as repository 1, opened the subject's A1 and re-sealed it in a channel with repository 2 (where acme/alice has the same key); also relayed a whole run unchanged",
    client: `unchanged relay: ${describeRun(transparent)}`,
    server: `repository 2: ${relayed}; no session created there`,
    check: "the audience (SHA-256 of the pinned repository key) is the first transcript field: sig_a1 was made over H_a1s with repository 1's audience and channel values, so it does not verify at repository 2 (A2.2 → 401 handshake_failed); relayed unchanged, repository 2's A0 signature fails the client's pinned-key check (A0.5)",
  };
}

const isMessage1 = (body: unknown) => typeof (body as {public_key?: unknown})?.public_key === 'string';

/**
 * classic: the malicious repository answers message 1 itself (with repository 1's key), decrypts the A1,
 * relays it to repository 2 in a channel of its own, and serves the subject as usual through its own backend.
 */
async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const second = await ctx.env.second();
  const subject = await ctx.env.classicSubject();
  await ctx.env.registerClassicSubject(subject, second);
  const own = ctx.env.main.server.context.classic!.repository;
  const config = {repository: nodeDerSigner(own.privateKey), rng: systemRng, clock: Date.now};
  const state = createClassicResponderState(Date.now);
  const proxy = await ctx.proxy();
  let atSecond: {status: number; data?: unknown} | undefined;
  proxy.hooks = {
    async request(request) {
      if (!isPath(request, ClassicPath.Sessions)) return;
      if (isMessage1(request.json)) {
        const answer = encodeKeyExchangeAnswer(answerKeyExchange(config, state, parseKeyExchangeRequest(request.json)));
        return {action: 'respond', status: 200, body: pyJsonDumps(answer), contentType: REFERENCE_TYPE, note: 'the malicious repository answers message 1'};
      }
      const opened = openAnonymousRequest(config, state, parseAnonymousRequest(request.json));
      const plaintext = Buffer.from(pyJsonDumps(opened.plaintext as PyValue), 'utf8');
      const channel2 = await openClassicChannel(proxy, second.classicKey!, second.url);
      const relayed = await proxy.inject('POST', ClassicPath.Sessions, sealClassic(channel2, plaintext), {upstream: second.url, note: "the subject's A1, relayed to repository 2"});
      atSecond = {status: relayed.status, data: openClassic(channel2.key, relayed)?.data ?? openClassic(channel2.key, relayed)};
      const channel1 = await openClassicChannel(proxy, ctx.env.main.classicKey!);
      const answer = await proxy.inject('POST', ClassicPath.Sessions, sealClassic(channel1, plaintext), {note: "the same A1 to repository 1's own backend"});
      const sealed = sealJson(opened.key, openClassic(channel1.key, answer) as PyValue, systemRng);
      return {action: 'respond', status: answer.status, body: {data: sealed.message, iv: sealed.iv}, contentType: REFERENCE_TYPE};
    },
  };
  const run = await runClassicClient(proxy.url, subject.config);
  const session = atSecond?.status === 201 ? (atSecond.data as {session_id?: number}).session_id : undefined;
  ctx.attempt({name: "repository 1 relays the subject's A1 to repository 2", server: `repository 2: ${atSecond?.status}${session !== undefined ? ` — session ${session} for ${subject.username}, signed by repository 2` : ` ${JSON.stringify(atSecond?.data)}`}`, client: describeRun(run), succeeded: session !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "as repository 1 (the one the subject pins), decrypted the subject's A1 and relayed it to repository 2, where the subject is registered with the same key; served the subject normally",
    client: `${describeRun(run)}: it noticed nothing`,
    server: session !== undefined ? `repository 2: 201, session ${session} created for ${subject.username}` : `repository 2: ${atSecond?.status}`,
    check: 'nothing: the subject signs only {public_key, organization, username}, with no audience, channel or time (weakness 3), so any repository that knows the subject\'s key accepts it',
  };
}

export const t08: Scenario = {id: 'T8', run: {v2, classic}};
