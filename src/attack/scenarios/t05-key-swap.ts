import {generateEcdhKeyPair} from '../../crypto/ecdh.js';
import {generateP521KeyPair} from '../../crypto/p521.js';
import {systemRng} from '../../crypto/random.js';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {encodeWirePublicKey} from '../../protocol/classic/keys.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {clientSent, describeAnswer, describeRun, runClassicClient, runV2Client, stepOf} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {replaceBytes, setField} from '../tamper.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const attacker = generateEcdhKeyPair(systemRng);
  const proxy = await ctx.proxy(undefined, {
    request(request) {
      if (!isPath(request, V2Path.A0)) return;
      return {action: 'forward', body: replaceBytes(request.json, 'client_ephemeral', 'base64url', attacker.publicKey), note: "client_ephemeral replaced by the attacker's point"};
    },
  });
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const a0 = proxy.log.find((e) => e.path === V2Path.A0);
  const sentA1 = clientSent(run, V2Path.A1);
  ctx.attempt({name: "replace E_c in the client's A0 with the attacker's point", server: `${describeAnswer(a0?.status ?? 0, a0?.response)}: signed H_a0s over the attacker's E_a`, client: `${describeRun(run)}; A1 sent: ${sentA1}`, succeeded: sentA1});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "replaced the client's ephemeral key E_c in A0 with a point of its own",
    client: `${describeRun(run)}; it sent no A1`,
    server: `${a0?.status}: an A0 answer signed over the attacker's key (the server cannot tell)`,
    check: 'A0.5: the repository signs H_a0s, which absorbs client_ephemeral; the client hashes its own E_c, so the signature does not verify with the pinned key → bad_repository_signature, no A1',
  };
}

const isMessage1 = (body: unknown) => typeof (body as {public_key?: unknown})?.public_key === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const attacker = encodeWirePublicKey(generateP521KeyPair().privateKey);
  const proxy = await ctx.proxy(undefined, {
    request(request) {
      if (!isPath(request, ClassicPath.Sessions) || !isMessage1(request.json)) return;
      return {action: 'forward', body: setField(request.json, 'public_key', attacker), note: "public_key replaced by the attacker's key"};
    },
  });
  const run = await runClassicClient(proxy.url, subject.config);
  const verified = stepOf(run, 'A0.5') !== undefined;
  const sentA1 = stepOf(run, 'A1.2') !== undefined;
  const message3 = proxy.log.find((e) => e.origin === 'client' && typeof (e.request as {message?: unknown})?.message === 'string');
  ctx.attempt({name: "replace E_c in message 1 with the attacker's key", server: '200: E_s signed (the signature covers only E_s)', client: `A0.5 signature verified: ${verified}; A1 sent: ${sentA1}`, succeeded: false});
  ctx.attempt({name: "the client's A1 arrives under its own key", server: describeAnswer(message3?.status ?? 0, message3?.response), client: describeRun(run), succeeded: run.outcome !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "replaced the client's ephemeral key in message 1 with a key of its own",
    client: `not noticed: the signature over {'public_key': E_s} verified (A2.2 in the seed design's numbering) and the client sent its A1; then ${describeRun(run)}`,
    server: `message 1: 200; A1: ${describeAnswer(message3?.status ?? 0, message3?.response)}`,
    check: "the server's signature covers only its own key, so the client does not notice; the handshake fails late at the server: no channel exists under the client's key (our server: 400 \"names no pending key exchange\"; the reference: 500 KeyError) — a confusing error, not a detection",
  };
}

export const t05: Scenario = {id: 'T5', run: {v2, classic}};
