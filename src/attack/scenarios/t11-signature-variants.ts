import {ecdsaVerify} from '../../crypto/ecdsa.js';
import {P521_ORDER} from '../../crypto/p521.js';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {SignatureLabel, V2Path} from '../../protocol/v2/constants.js';
import {signatureInput} from '../../protocol/v2/key-schedule.js';
import {parseA0Answer, parseA0Request} from '../../protocol/v2/messages.js';
import {a0SignedTranscript} from '../../protocol/v2/transcript-v2.js';
import {bigintBytes, customV2A1, derIntegers, derSequence, highS, openV2Channel, p1363ToDer} from '../attacker.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {fieldBytes, replaceBytes} from '../tamper.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  let stillValid = false;
  const variants: Array<[string, (signature: Buffer) => Buffer]> = [['high-S twin (r, n − s)', highS], ['DER encoding of the same signature', p1363ToDer]];
  for (const [name, change] of variants) {
    proxy.hooks = {
      response(request, answer) {
        if (!isPath(request, V2Path.A0) || answer.status !== 200) return;
        const signature = fieldBytes(answer.json, 'signature', 'base64url');
        const changed = change(signature);
        const hash = a0SignedTranscript(ctx.env.alice.audience, parseA0Request(request.json), parseA0Answer(answer.json)).hash;
        if (changed.length === 64) stillValid = ecdsaVerify(ctx.env.main.v2Key, signatureInput(SignatureLabel.ServerA0, hash), changed, 'p1363', false);
        return {action: 'replace', body: replaceBytes(answer.json, 'signature', 'base64url', changed), note: name};
      },
    };
    const run = await runV2Client(proxy.url, ctx.env.alice);
    ctx.attempt({name: `A0 answer signature → ${name}`, server: '200 (altered in flight)', client: describeRun(run), succeeded: run.outcome !== undefined});
  }
  proxy.hooks = {};
  const alice = ctx.env.alice;
  for (const [name, options] of [
    ['A1 with the subject\'s high-S signature', {mutate: highS}],
    ['A1 signed with the right key over the right H_a1s under the label "server A2"', {label: SignatureLabel.ServerA2}],
  ] as const) {
    const channel = await openV2Channel(proxy, ctx.env.main.v2Key);
    const answer = await proxy.inject('POST', V2Path.A1, customV2A1(channel, {subject: alice.subject, organization: alice.organization, username: alice.username, ...options}), {note: name});
    ctx.attempt({name, server: describeAnswer(answer.status, answer.json), succeeded: answer.status === 200});
  }
  const recorded = proxy.log.find((e) => e.origin === 'attacker' && e.path === V2Path.A0)?.request;
  const replay = await proxy.inject('POST', V2Path.A0, recorded, {note: 'A0 replayed'});
  ctx.attempt({name: 'replay an A0 (the only replay cache: client nonces)', server: describeAnswer(replay.status, replay.json), succeeded: replay.status === 200});
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'turned the repository\'s A0 signature into its high-S twin and into DER; sent A1s with a high-S subject signature and with the right signature bytes under the wrong label; replayed an A0',
    client: `high-S (mathematically valid: ${stillValid}): ${ctx.attempts[0].client}; DER: ${ctx.attempts[1].client}`,
    server: `high-S A1: ${ctx.attempts[2].server}; wrong label: ${ctx.attempts[3].server}; replayed A0: ${ctx.attempts[4].server}`,
    check: 'every verifier requires low S and exactly 64 bytes (P1363), so variants fail (A0.5 bad_repository_signature / malformed_message, A2.2 handshake_failed); the label is inside the signed bytes, so a signature under another label never verifies; the replay cache holds client nonces, never signature bytes (A0.2 replayed_nonce)',
  };
}

/** `s` → `n − s` in a P-521 DER signature (still valid: ECDSA does not care, unless a verifier insists on low S). */
function highSDer(der: Buffer): Buffer {
  const [r, s] = derIntegers(der);
  return derSequence([bigintBytes(r, 66), bigintBytes(P521_ORDER - s, 66)]);
}

/** A BER (non-DER) encoding of the same signature: `r` with a superfluous leading zero byte. */
function berDer(der: Buffer): Buffer {
  const [r, s] = derIntegers(der);
  const minimal = (value: bigint) => {
    const hex = value.toString(16);
    const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    return bytes[0] >= 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes;
  };
  const rBer = Buffer.concat([Buffer.of(0), minimal(r)]);
  const sDer = minimal(s);
  const content = Buffer.concat([Buffer.of(0x02, rBer.length), rBer, Buffer.of(0x02, sDer.length), sDer]);
  return Buffer.concat([Buffer.of(0x30, 0x81, content.length), content]);
}

const isKeyExchangeAnswer = (body: unknown) => typeof (body as {data?: {public_key?: unknown}})?.data?.public_key === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  for (const [name, change] of [['high-S twin (r, n − s)', highSDer], ['BER: r with a superfluous leading zero', berDer]] as const) {
    const subject = await ctx.env.classicSubject();
    proxy.hooks = {
      response(request, answer) {
        if (!isPath(request, ClassicPath.Sessions) || !isKeyExchangeAnswer(answer.json)) return;
        const signature = fieldBytes(answer.json, 'signature', 'base64');
        return {action: 'replace', body: replaceBytes(answer.json, 'signature', 'base64', change(signature)), note: name};
      },
    };
    const run = await runClassicClient(proxy.url, subject.config);
    ctx.attempt({name: `message 2 signature → ${name}`, server: '200 (altered in flight)', client: describeRun(run), succeeded: false});
  }
  return {
    verdict: 'not-applicable',
    action: "turned the repository's message-2 signature into its high-S twin and into a BER form",
    client: `high-S: ${ctx.attempts[0].client}; BER: ${ctx.attempts[1].client}`,
    server: 'not involved',
    check: 'not applicable: classic signatures carry no labels and nothing is keyed on signature bytes, so a malleable signature (the high-S twin is accepted) gains the attacker nothing here',
  };
}

export const t11: Scenario = {id: 'T11', run: {v2, classic}};
