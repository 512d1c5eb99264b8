import {ClassicPath} from '../../protocol/classic/constants.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {setField} from '../tamper.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const recorded = proxy.log.find((e) => e.path === V2Path.A0)?.request;
  const replay = await proxy.inject('POST', V2Path.A0, recorded, {note: 'the recorded A0, replayed'});
  ctx.attempt({name: 'replay the recorded A0 (same nonce and timestamp)', server: describeAnswer(replay.status, replay.json), succeeded: replay.status === 200});
  proxy.hooks = {
    request(request) {
      if (!isPath(request, V2Path.A0)) return;
      return {action: 'forward', body: setField(request.json, 'timestamp', Date.now() - 120_000), note: 'timestamp set 120 s back (a held A0)'};
    },
  };
  const stale = await runV2Client(proxy.url, ctx.env.alice);
  const staleAnswer = proxy.log.filter((e) => e.path === V2Path.A0).at(-1);
  ctx.attempt({name: 'an A0 delivered 120 s late (stale timestamp)', server: describeAnswer(staleAnswer?.status ?? 0, staleAnswer?.response), client: describeRun(stale), succeeded: stale.outcome !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'recorded an A0 and replayed it; delivered another A0 with a timestamp 120 s old',
    client: `first run: ${describeRun(run)}; stale run: ${describeRun(stale)}`,
    server: `replay: ${describeAnswer(replay.status, replay.json)}; stale: ${describeAnswer(staleAnswer?.status ?? 0, staleAnswer?.response)}`,
    check: 'A0.2: the nonce cache (keyed on client nonces) → 400 replayed_nonce; the timestamp window (−60 s … +10 s) → 400 stale_timestamp',
  };
}

const isMessage1 = (body: unknown) => typeof (body as {public_key?: unknown})?.public_key === 'string';
const isMessage3 = (body: unknown) => typeof (body as {client_ephemeral_public_key?: unknown})?.client_ephemeral_public_key === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  let message1: unknown;
  let inFlight: string | undefined;
  proxy.hooks = {
    async request(request) {
      if (!isPath(request, ClassicPath.Sessions)) return;
      if (isMessage1(request.json)) message1 ??= request.json;
      if (isMessage3(request.json) && inFlight === undefined) {
        const replay = await proxy.inject('POST', ClassicPath.Sessions, message1, {note: 'message 1 replayed while the client is between messages 2 and 3'});
        inFlight = describeAnswer(replay.status, replay.json);
      }
    },
  };
  const disturbed = await runClassicClient(proxy.url, subject.config);
  ctx.attempt({name: 'replay message 1 while the run is in flight (before message 3)', server: inFlight ?? 'not sent', client: describeRun(disturbed), succeeded: /^200/.test(inFlight ?? '')});
  proxy.hooks = {};
  const run = await runClassicClient(proxy.url, subject.config);
  const recorded = proxy.log.filter((e) => e.origin === 'client' && isMessage1(e.request)).at(-1)?.request;
  const replay = await proxy.inject('POST', ClassicPath.Sessions, recorded, {note: 'message 1 replayed after the run'});
  ctx.attempt({name: 'replay message 1 after the run', server: `${describeAnswer(replay.status, replay.json)}: a fresh E_s, signed`, client: describeRun(run), succeeded: replay.status === 200});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "replayed the client's message 1 (its A0) after a run, and once while a run was in flight; there is no timestamp to make stale",
    client: `undisturbed run: ${describeRun(run)}; the run disturbed by the replay: ${describeRun(disturbed)}`,
    server: `both replays accepted: ${describeAnswer(replay.status, replay.json)} with a fresh, signed server key`,
    check: 'nothing refuses a replayed message 1 (no nonce, no time); harmless for secrecy (the attacker cannot use the fresh E_s), but the second message 1 overwrites the pending K_anon, so the in-flight client\'s A1 failed (README §4 R8)',
  };
}

export const t04: Scenario = {id: 'T4', run: {v2, classic}};
