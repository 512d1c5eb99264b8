import {ClassicPath} from '../../protocol/classic/constants.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {openClassic, openClassicChannel, openV2Channel, sealClassic, sealV2A1} from '../attacker.js';
import {describeAnswer, describeRun, refusalMessage, runClassicClient, runV2Client, stepOf} from '../clients.js';
import {verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

/** The A1 plaintext the insider saw: the client's A1.2 input (the exact bytes it sealed). */
function seenPlaintext(run: Parameters<typeof stepOf>[0]): Buffer {
  const step = stepOf(run, 'A1.2');
  if (!step) throw new Error('the client did not reach A1.2');
  return Buffer.from(String(step.inputs.plaintext), 'utf8');
}

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const db = ctx.env.main.server.context.db;
  const proxy = await ctx.proxy();
  const before = db.countSessions();
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const plaintext = seenPlaintext(run);
  ctx.attempt({name: "the subject's own handshake (the insider sees its A1 plaintext)", server: 'A0 200, A1 200, A3 200', client: describeRun(run), succeeded: false});
  const channel = await openV2Channel(proxy, ctx.env.main.v2Key);
  const replay = await proxy.inject('POST', V2Path.A1, sealV2A1(channel, plaintext), {note: 'the seen A1 plaintext, sealed in a new channel'});
  const created = db.countSessions() - before;
  ctx.attempt({name: 'the seen A1 plaintext sealed in a new channel', server: `${describeAnswer(replay.status, replay.json)}; sessions created in this scenario: ${created}`, succeeded: replay.status === 200 || created !== 1});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "saw the subject's A1 plaintext (S_c, organization, username, sig_a1), opened a new channel of its own and sent the same plaintext sealed in it",
    client: describeRun(run),
    server: `${describeAnswer(replay.status, replay.json)}; exactly ${created} session exists (the subject's own)`,
    check: "A2.2: sig_a1 covers H_a1s, which holds the first channel's E_c, nonce_c, timestamp, channel_id, E_s and nonce_s; in the new channel it does not verify → 401 handshake_failed",
  };
}

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const run = await runClassicClient(proxy.url, subject.config);
  const plaintext = seenPlaintext(run);
  ctx.attempt({name: "the subject's own handshake (the insider sees its A1 plaintext)", server: '200, 201', client: describeRun(run), succeeded: false});
  // Later (the lab moves the repository's clock 11 minutes on: the first session has expired) the insider replays it.
  ctx.env.setClockOffset(11 * 60_000);
  const channel = await openClassicChannel(proxy, ctx.env.main.classicKey!);
  const replay = await proxy.inject('POST', ClassicPath.Sessions, sealClassic(channel, plaintext), {note: 'the seen A1 plaintext in a new channel'});
  const answer = openClassic(channel.key, replay);
  const created = replay.status === 201 ? (answer?.data as {session_id?: number} | undefined)?.session_id : undefined;
  const said = created !== undefined ? `201: session ${created} for ${subject.username} in ${subject.organization}, signed by the repository` : `${replay.status} ${JSON.stringify(answer)}`;
  ctx.attempt({name: 'the seen A1 plaintext in a new channel, 11 minutes later', server: said, succeeded: created !== undefined});
  const locked = await runClassicClient(proxy.url, subject.config);
  ctx.attempt({name: 'the real subject creates a session now', server: locked.outcome ? '201' : `${locked.error?.status} (encrypted) "${refusalMessage(locked)}"`, client: describeRun(locked), succeeded: locked.outcome === undefined});
  return {
    verdict: created !== undefined ? 'succeeded' : 'blocked',
    action: "saw the subject's A1 plaintext; 11 minutes later (the first session expired) sent it in a new anonymous channel of its own",
    client: `the real subject, afterwards: ${describeRun(locked)}`,
    server: said,
    check: 'nothing: the signed request {public_key, organization, username} has no nonce, time or channel binding (weakness 3); the one-live-session rule then locks the real subject out for 600 s',
  };
}

export const t03: Scenario = {id: 'T3', run: {v2, classic}};
