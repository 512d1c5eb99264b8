import {aesCbcEncrypt} from '../../src/crypto/aead.js';
import {hmacSha256} from '../../src/crypto/hash.js';
import {systemRng} from '../../src/crypto/random.js';
import {finishA0 as classicFinishA0, startA0 as classicStartA0} from '../../src/protocol/classic/initiator.js';
import {splitSessionKey} from '../../src/protocol/classic/keys.js';
import {encodeKeyExchangeRequest, parseKeyExchangeAnswer, wireBody} from '../../src/protocol/classic/messages.js';
import {signData} from '../../src/protocol/classic/signatures.js';
import {uniqueName} from './clients.js';
import type {DeepCase} from './fuzz-case-types.js';
import type {FuzzContext} from './fuzz-context.js';
import {lastRequest, setupFailed} from './fuzz-last-request.js';
import {fuzzMaterial} from './fuzz-material.js';
import {JSON_TYPE, observe, type Observation} from './fuzz-send.js';

/**
 * The classic deep scenarios, performed: a real phase 1 of `/sessions` or `/organizations` then a bad phase 2
 * (among them a correctly signed session request with a bad key), and a bad authenticated roles request over
 * the context's real classic session (its counter, nonce, session id and organization chosen).
 */

export async function runClassicPhase2(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'classic-phase2'}>): Promise<Observation[]> {
  const {classicChannel, classicTransport} = ctx.target;
  const path = c.exchange === 'sessions' ? '/sessions' : '/organizations';
  const method = c.exchange === 'org-list' ? 'GET' : 'POST';
  const a0 = classicStartA0(classicChannel);
  const first = await classicTransport.request(method, path, wireBody(encodeKeyExchangeRequest(a0.request)));
  if (first.status !== 200) return setupFailed(c.route, 'phase 1', first);
  const channel = classicFinishA0(classicChannel, a0.state, parseKeyExchangeAnswer(first.body));
  const material = fuzzMaterial();
  const signer = ctx.classicSigner;
  const encrypt = (plaintext: Buffer) => {
    const iv = systemRng(16);
    return {client_ephemeral_public_key: channel.clientKey, message: aesCbcEncrypt(channel.key, iv, plaintext).toString('base64'), iv: iv.toString('base64')};
  };
  const plaintext = c.exchange === 'sessions'
    ? {data: {public_key: material.pems[0], organization: signer.organization, username: signer.username}, signature: 'AAAA'}
    : c.exchange === 'org-create'
      ? {organization: uniqueName('fz'), username: uniqueName('fz'), name: 'Fuzz', email: 'fuzz@example.org', public_key: material.pems[1]}
      : {};
  const body = encrypt(Buffer.from(JSON.stringify(plaintext)));
  const how = c.how;
  if (how.mode === 'signed') {
    // A correctly signed session request whose session key is bad: passes the signature check, then refused.
    const data = {public_key: how.publicKey, organization: signer.organization, username: signer.username};
    const signed = encrypt(Buffer.from(JSON.stringify({data, signature: signData(signer.subject, data)})));
    return [await observe(ctx, c.route, method, path, Buffer.from(JSON.stringify(signed)), JSON_TYPE, {classic: true})];
  }
  return lastRequest(ctx, c.route, method, path, body, how, {seal: encrypt, std: true, classic: true});
}

export async function runRoles(ctx: FuzzContext, c: Extract<DeepCase, {kind: 'classic-roles'}>): Promise<Observation[]> {
  const session = ctx.classicSession;
  const {encryption, integrity} = splitSessionKey(session.key);
  const seal = (plaintext: Buffer, sessionId: unknown = session.id) => {
    const iv = systemRng(16);
    const message = aesCbcEncrypt(encryption, iv, plaintext).toString('base64');
    const ivText = iv.toString('base64');
    const body: Record<string, unknown> = {data: {message, iv: ivText}, signature: hmacSha256(integrity, Buffer.from(message + ivText)).toString('base64')};
    if (sessionId !== undefined) body.session_id = sessionId;
    return body;
  };
  const path = (organization: string) => `/organizations/${encodeURIComponent(organization)}/sessions/${session.id}/roles`;
  const how = c.how;
  if (how.mode === 'fields') {
    const counter = how.counter;
    const plaintext: Record<string, unknown> = {session_id: how.sessionId === 'real' ? session.id : how.sessionId};
    if (counter !== undefined) plaintext.counter = counter;
    if (how.nonce !== undefined) plaintext.nonce = how.nonce === 'real' ? session.nonce : how.nonce;
    const body = seal(Buffer.from(JSON.stringify(plaintext)), how.sessionId === 'real' ? session.id : how.sessionId);
    return [await observe(ctx, c.route, 'GET', path(how.organization === 'real' ? session.organization : how.organization), Buffer.from(JSON.stringify(body)), JSON_TYPE, {classic: true})];
  }
  const valid = seal(Buffer.from(JSON.stringify({session_id: session.id, counter: ++session.counter, nonce: session.nonce})));
  return lastRequest(ctx, c.route, 'GET', path(session.organization), valid, how, {seal: (p) => seal(p), std: true, classic: true});
}
