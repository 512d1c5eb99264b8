import {ClassicPath} from '../../protocol/classic/constants.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const first = await runV2Client(proxy.url, ctx.env.alice);
  const a3 = proxy.log.find((e) => e.path === V2Path.A3);
  ctx.attempt({name: 'run 1 (the attacker records its A3 request and answer)', server: '200 ×3', client: describeRun(first), succeeded: false});
  proxy.hooks = {
    response(request) {
      if (isPath(request, V2Path.A3)) return {action: 'replace', body: a3?.response, note: "run 1's A3 answer"};
    },
  };
  const second = await runV2Client(proxy.url, ctx.env.alice);
  ctx.attempt({name: "run 2 gets run 1's A3 answer (server finished)", server: "200 (replaced by run 1's)", client: describeRun(second), succeeded: second.outcome !== undefined});
  proxy.hooks = {
    request(request) {
      if (isPath(request, V2Path.A3)) return {action: 'forward', body: a3?.request, note: "run 1's A3 request"};
    },
  };
  const third = await runV2Client(proxy.url, ctx.env.alice);
  const answer = proxy.log.filter((e) => e.path === V2Path.A3).at(-1);
  ctx.attempt({name: "run 3 sends run 1's A3 request (client finished)", server: describeAnswer(answer?.status ?? 0, answer?.response), client: describeRun(third), succeeded: answer?.status === 200});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "recorded run 1's A3 exchange; gave run 2 run 1's A3 answer, and sent run 1's A3 request in place of run 3's",
    client: `run 2: ${describeRun(second)}`,
    server: `run 3's swapped A3: ${describeAnswer(answer?.status ?? 0, answer?.response)}`,
    check: "A3.6: server_finished is a MAC under run 1's k_finished over run 1's H_a3 → bad_finished; A3.5: run 1's session id is no longer pending (and its MAC is not over run 3's H_a2) → 401 handshake_failed",
  };
}

const isMessage4 = (body: unknown) => typeof (body as {data?: unknown})?.data === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const [one, two] = [await ctx.env.classicSubject(), await ctx.env.classicSubject()];
  const proxy = await ctx.proxy();
  const first = await runClassicClient(proxy.url, one.config);
  const answer = proxy.log.find((e) => e.origin === 'client' && e.status === 201);
  ctx.attempt({name: 'run 1 (the attacker records its answer, message 4)', server: '200, 201', client: describeRun(first), succeeded: false});
  proxy.hooks = {
    response(request, reply) {
      if (isPath(request, ClassicPath.Sessions) && isMessage4(reply.json)) return {action: 'replace', status: 201, body: answer?.response, note: "run 1's message 4"};
    },
  };
  const second = await runClassicClient(proxy.url, two.config);
  ctx.attempt({name: "run 2 gets run 1's answer", server: "201 (replaced by run 1's)", client: describeRun(second), succeeded: second.outcome !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "recorded run 1's answer (message 4) and gave it to run 2",
    client: `run 2: ${describeRun(second)}`,
    server: "run 2's own answer was 201 (its session exists on the server; the client never stored it)",
    check: "the answer is encrypted under run 1's K_anon: run 2's client cannot decrypt it (a different channel key)",
  };
}

export const t07: Scenario = {id: 'T7', run: {v2, classic}};
