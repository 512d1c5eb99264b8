import {generateKeyPairSync} from 'node:crypto';
import {toBase64Url} from '../../crypto/bytes.js';
import {generateEcdhKeyPair} from '../../crypto/ecdh.js';
import {nodeSigner} from '../../crypto/ecdsa.js';
import {canonicalP521Spki, generateP521KeyPair} from '../../crypto/p521.js';
import {generateP256KeyPair} from '../../crypto/private-keys.js';
import {systemRng} from '../../crypto/random.js';
import {ClassicPath} from '../../protocol/classic/constants.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {customV2A1, openClassic, openClassicChannel, openV2Channel, sealClassic} from '../attacker.js';
import {describeAnswer, describeRun, runClassicClient, runV2Client} from '../clients.js';
import {isPath, verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';
import {replaceBytes, setField} from '../tamper.js';

/** A point not on P-256: a real one with the last byte of Y changed. */
function offCurveP256(): Buffer {
  const point = generateEcdhKeyPair(systemRng).publicKey;
  point[64] ^= 0x01;
  return point;
}

/**
 * A P-256 SPKI whose point is the point at infinity. Before the attack lab found it, reading this key's
 * details aborted the node 20 process (one request crashed the whole server); now refused as invalid_point.
 */
const P256_INFINITY_SPKI = Buffer.from('3019301306072a8648ce3d020106082a8648ce3d03010703020000', 'hex');

/** A P-256 SPKI with explicit curve parameters (`openssl ecparam -name prime256v1 -param_enc explicit`), base64url. */
const P256_EXPLICIT_SPKI =
  'MIIBSzCCAQMGByqGSM49AgEwgfcCAQEwLAYHKoZIzj0BAQIhAP____8AAAABAAAAAAAAAAAAAAAA________________MFsEIP____8AAAABAAAAAAAAAAAAAAAA_______________8BCBaxjXYqjqT57PrvVV2mIa8ZR0GsMxTsPY7zjw-J9JgSwMVAMSdNgiG5wSTamZ44ROdJreBn36QBEEEaxfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpZP40Li_hp_m47n60p8D54WK84zV2sxXs7LtkBoN79R9QIhAP____8AAAAA__________-85vqtpxeehPO5ysL8YyVRAgEBA0IABGRtero5P8aks9O4ID-CybLR5deCsfju34mf4EkcFXda9P31kEdTHsQr8a99yY_4itNnPPqPyoVudmce2Kq9yPc';

const pem = (der: Buffer) => `-----BEGIN PUBLIC KEY-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
/** The classic wire form (base64 of PEM text) of a DER SPKI. */
const wire = (der: Buffer) => Buffer.from(pem(der), 'utf8').toString('base64');

/** Classic invalid keys: off-curve, the point at infinity, explicit parameters, another curve. */
function classicInvalidKeys(): Array<[string, string]> {
  const offCurve = canonicalP521Spki(generateP521KeyPair().publicKey);
  offCurve[offCurve.length - 1] ^= 0x01;
  const infinity = Buffer.from('3016301006072a8648ce3d020106052b8104002303020000', 'hex');
  const explicit = generateKeyPairSync('ec', {namedCurve: 'P-521', paramEncoding: 'explicit'}).publicKey.export({type: 'spki', format: 'der'});
  const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey.export({type: 'spki', format: 'der'});
  return [['off-curve P-521 point', wire(offCurve)], ['point at infinity (BIT STRING 00)', wire(infinity)], ['explicit curve parameters', wire(explicit)], ['a P-256 key (wrong curve)', wire(p256)]];
}

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const variants: Array<[string, Buffer]> = [['off-curve point', offCurveP256()], ['(0, 0)', Buffer.concat([Buffer.of(4), Buffer.alloc(64)])], ['the point at infinity (SEC1 00)', Buffer.of(0)]];
  for (const [name, point] of variants) {
    proxy.hooks = {request: (request) => (isPath(request, V2Path.A0) ? {action: 'forward', body: replaceBytes(request.json, 'client_ephemeral', 'base64url', point), note: name} : undefined)};
    const run = await runV2Client(proxy.url, ctx.env.alice);
    const answer = proxy.log.filter((e) => e.path === V2Path.A0).at(-1);
    ctx.attempt({name: `A0 client_ephemeral = ${name}`, server: describeAnswer(answer?.status ?? 0, answer?.response), client: describeRun(run), succeeded: (answer?.status ?? 500) < 400 || (answer?.status ?? 500) >= 500});
  }
  proxy.hooks = {};
  const channel = await openV2Channel(proxy, ctx.env.main.v2Key);
  const a1 = await proxy.inject('POST', V2Path.A1, customV2A1(channel, {subject: nodeSigner(generateP256KeyPair().privateKey), organization: 'acme', username: 'alice', sessionPublicKey: offCurveP256()}), {note: 'A1 with an off-curve session key'});
  ctx.attempt({name: 'A1 session_public_key = off-curve point (in a channel of the attacker)', server: describeAnswer(a1.status, a1.json), succeeded: a1.status < 400 || a1.status >= 500});
  for (const [name, spki] of [['explicit curve parameters', P256_EXPLICIT_SPKI], ['the point at infinity (BIT STRING 00)', toBase64Url(P256_INFINITY_SPKI)]] as const) {
    const org = await proxy.inject('POST', V2Path.Organizations, {organization: 'lab-bad-key', username: 'eve', full_name: 'Eve', email: 'eve@example.org', public_key: spki}, {note: `subject key: ${name}`});
    ctx.attempt({name: `subject key (POST /v2/organizations) with ${name}`, server: describeAnswer(org.status, org.json), succeeded: org.status < 400 || org.status >= 500});
  }
  proxy.hooks = {response: (request, answer) => (isPath(request, V2Path.A0) && answer.status === 200 ? {action: 'replace', body: replaceBytes(answer.json, 'server_ephemeral', 'base64url', offCurveP256())} : undefined)};
  const run = await runV2Client(proxy.url, ctx.env.alice);
  ctx.attempt({name: 'A0 answer server_ephemeral = off-curve point (to the client)', server: '200 (altered)', client: describeRun(run), succeeded: run.outcome !== undefined});
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'sent invalid points as every public key: the client ephemeral in A0 (off-curve, (0,0), infinity), the session key in A1, a subject key with explicit parameters, and an off-curve server ephemeral to the client',
    client: `off-curve server ephemeral: ${ctx.attempts.at(-1)?.client}`,
    server: ctx.attempts.slice(0, -1).map((a) => a.server.split(' (')[0]).join(', '),
    check: 'A0.2 / A2.2: isValidP256Point (65 bytes, prefix 04, on the curve) before any lookup, signature or ECDH → 400 invalid_point; the 65-byte field cannot express infinity or parameters (400 malformed_message); subject keys must be the canonical named-curve SPKI → 400 invalid_public_key (an SPKI holding the point at infinity used to abort the node process when its details were read: fixed in requireP256/requireP521); on the client the signature over H_a0s (which holds E_s) fails first',
  };
}

const isMessage1 = (body: unknown) => typeof (body as {public_key?: unknown})?.public_key === 'string';

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const keys = classicInvalidKeys();
  for (const [name, key] of keys) {
    proxy.hooks = {request: (request) => (isPath(request, ClassicPath.Sessions) && isMessage1(request.json) ? {action: 'forward', body: setField(request.json, 'public_key', key), note: name} : undefined)};
    const run = await runClassicClient(proxy.url, subject.config);
    const answer = proxy.log.filter((e) => e.action === 'altered').at(-1);
    ctx.attempt({name: `message 1 public_key = ${name}`, server: describeAnswer(answer?.status ?? 0, answer?.response), client: describeRun(run), succeeded: (answer?.status ?? 500) < 400 || (answer?.status ?? 500) >= 500});
  }
  proxy.hooks = {};
  const channel = await openClassicChannel(proxy, ctx.env.main.classicKey!, undefined, ClassicPath.Organizations);
  const request = {organization: 'lab-explicit', username: 'eve', name: 'Eve', email: 'eve@example.org', public_key: keys[2][1]};
  const answer = await proxy.inject('POST', ClassicPath.Organizations, sealClassic(channel, Buffer.from(JSON.stringify(request))), {note: 'organization with an explicit-parameters key'});
  ctx.attempt({name: 'organization registration with an explicit-parameters key', server: `${answer.status} ${JSON.stringify(openClassic(channel.key, answer))}`, succeeded: answer.status < 400 || answer.status >= 500});
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'sent invalid keys as the client ephemeral in message 1 (off-curve, infinity, explicit parameters, P-256) and as a new subject key',
    client: [...new Set(ctx.attempts.filter((a) => a.client).map((a) => a.client!.split(' — ')[0]))].join('; '),
    server: ctx.attempts.map((a) => a.server.split(' (')[0]).join(', '),
    check: 'the key parser (load_pem_public_key in the reference, which then answers 500 with a traceback; our server answers 400): only P-521 named-curve SPKIs with a point on the curve are read (the point at infinity used to abort the whole node process: fixed in requireP521)',
  };
}

export const t10: Scenario = {id: 'T10', run: {v2, classic}};
