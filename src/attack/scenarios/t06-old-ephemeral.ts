import {aesCbcDecrypt} from '../../crypto/aead.js';
import {fromBase64Url} from '../../crypto/bytes.js';
import {systemRng} from '../../crypto/random.js';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {sealJson} from '../../protocol/classic/envelope.js';
import {anonymousKeyOf, decodeWirePublicKey, deriveClassicSecret} from '../../protocol/classic/keys.js';
import type {PyValue} from '../../protocol/classic/py-repr.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {openClassic, openClassicChannel, sealClassic} from '../attacker.js';
import {clientSent, describeRun, runClassicClient, runV2Client, stepOf} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const earlier = await runV2Client(proxy.url, ctx.env.alice);
  const old = proxy.log.find((e) => e.path === V2Path.A0)?.response as {server_ephemeral: string};
  const leaked = ctx.env.leak.p256(fromBase64Url(old.server_ephemeral));
  if (!leaked) throw new Error('the earlier run\'s server ephemeral private key was not found in the leak');
  ctx.attempt({name: 'an earlier run (the attacker records its signed A0 answer and learns e_s)', server: '200 ×3', client: describeRun(earlier), succeeded: false});
  proxy.hooks = {
    request(request) {
      if (isPath(request, V2Path.A0)) return {action: 'respond', status: 200, body: old, note: "the earlier run's signed A0 answer"};
    },
  };
  const run = await runV2Client(proxy.url, ctx.env.alice);
  const sentA1 = clientSent(run, V2Path.A1);
  ctx.attempt({name: "answer the client's A0 with the earlier signed answer", server: 'never asked (the attacker answered)', client: `${describeRun(run)}; A1 sent: ${sentA1}`, succeeded: sentA1});
  return {
    verdict: verdictOf(ctx.attempts),
    action: "knowing the private key of an earlier run's server ephemeral E_s, answered the client's A0 with that run's signed answer",
    client: `${describeRun(run)}; it sent no A1, so there was nothing to read`,
    server: 'not involved (the attacker answered A0 itself)',
    check: "A0.5: sig_a0 covers H_a0s, which holds the client's own E_c, nonce_c and timestamp; the old signature is over another run's values → bad_repository_signature",
  };
}

const isMessage1 = (body: unknown) => typeof (body as {public_key?: unknown})?.public_key === 'string';
const isMessage3 = (body: unknown): body is {client_ephemeral_public_key: string; message: string; iv: string} =>
  typeof (body as {client_ephemeral_public_key?: unknown})?.client_ephemeral_public_key === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const earlierSubject = await ctx.env.classicSubject();
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const earlier = await runClassicClient(proxy.url, earlierSubject.config);
  const old = proxy.log.find((e) => e.origin === 'client' && isMessage1(e.request))?.response as {data: {public_key: string}; signature: string};
  const leaked = ctx.env.leak.p521(decodeWirePublicKey(old.data.public_key));
  if (!leaked) throw new Error('the earlier run\'s server ephemeral private key was not found in the leak');
  ctx.attempt({name: 'an earlier run (the attacker records message 2 and learns e_s)', server: '200, 201', client: describeRun(earlier), succeeded: false});
  let read: Record<string, unknown> | undefined;
  let relayed = '';
  proxy.hooks = {
    async request(request) {
      if (!isPath(request, ClassicPath.Sessions)) return;
      const body = request.json;
      if (isMessage1(body)) return {action: 'respond', status: 200, body: old, contentType: 'text/html; charset=utf-8', note: "the earlier run's signed message 2"};
      if (!isMessage3(body)) return;
      // K_anon = HKDF(ECDH(e_s old, E_c))[:32]: the attacker reads A1, then relays it so the client notices nothing.
      const key = anonymousKeyOf(deriveClassicSecret(leaked, decodeWirePublicKey(body.client_ephemeral_public_key)));
      const plaintext = aesCbcDecrypt(key, Buffer.from(body.iv, 'base64'), Buffer.from(body.message, 'base64'));
      read = JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
      const channel = await openClassicChannel(proxy, ctx.env.main.classicKey!);
      const answer = await proxy.inject('POST', ClassicPath.Sessions, sealClassic(channel, plaintext), {note: 'A1 relayed in a channel of the attacker'});
      const opened = openClassic(channel.key, answer);
      relayed = `${answer.status}`;
      const sealed = sealJson(key, opened as PyValue, systemRng);
      return {action: 'respond', status: answer.status, body: {data: sealed.message, iv: sealed.iv}, contentType: 'text/html; charset=utf-8', note: "the repository's answer, re-encrypted under the client's K_anon"};
    },
  };
  const run = await runClassicClient(proxy.url, subject.config);
  const real = stepOf(run, 'A1.2')?.inputs.plaintext;
  const data = read?.data as Record<string, unknown> | undefined;
  const matches = read !== undefined && JSON.stringify(read) === JSON.stringify(JSON.parse(String(real)));
  ctx.attempt({
    name: "answer message 1 with the earlier signed message 2, decrypt A1 with the leaked e_s, relay it", succeeded: matches,
    server: `the relayed A1: ${relayed}`, client: `${describeRun(run)}`,
  });
  return {
    verdict: matches ? 'succeeded' : 'blocked',
    action: "knowing an earlier E_s's private key, answered the client's message 1 with that run's signed message 2, decrypted the A1 that followed, relayed it to the repository in a channel of its own and re-encrypted the answer for the client",
    client: `${describeRun(run)}: it accepted the old key and noticed nothing`,
    server: `created the session from the relayed A1 (${relayed}); the attacker read organization "${data?.organization}", username "${data?.username}", the session public key and the subject's signature`,
    check: "nothing: the repository's signature covers only {'public_key': E_s}, with no binding to the client's key, a nonce or a time (weakness 2), so an old signed E_s stays valid forever",
  };
}

export const t06: Scenario = {id: 'T6', run: {v2, classic}};
