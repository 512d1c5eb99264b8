import {nodeSigner} from '../../crypto/ecdsa.js';
import {nodeDerSigner} from '../../crypto/ecdsa-der.js';
import {generateP521KeyPair} from '../../crypto/p521.js';
import {generateP256KeyPair} from '../../crypto/private-keys.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {customV2A1, openV2Channel} from '../attacker.js';
import {refusalMessage, runClassicClient} from '../clients.js';
import type {Scenario, ScenarioContext, ScenarioReport} from '../scenario-kit.js';

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const attacker = nodeSigner(generateP256KeyPair().privateKey);
  const answers: Array<{status: number; body: string}> = [];
  for (const [name, organization, username] of [
    ['unknown user', 'acme', 'mallory'], ['unknown organization', 'no-such-org', 'alice'], ['bad signature (a real user, another key)', 'acme', 'alice'],
  ] as const) {
    const channel = await openV2Channel(proxy, ctx.env.main.v2Key);
    const answer = await proxy.inject('POST', V2Path.A1, customV2A1(channel, {subject: attacker, organization, username}), {note: name});
    answers.push({status: answer.status, body: answer.raw.toString('utf8')});
    ctx.attempt({name: `${name}: ${organization}/${username}`, server: `${answer.status} ${answer.raw.toString('utf8')}`, succeeded: false});
  }
  const distinct = new Set(answers.map((a) => `${a.status} ${a.body}`)).size;
  return {
    verdict: distinct === 1 ? 'blocked' : 'succeeded',
    action: 'sent A1s for an unknown user, an unknown organization and a real user with a wrong key, each in a channel of its own, and compared the answers',
    client: 'no client involved (the attacker ran the handshakes)',
    server: distinct === 1 ? `three byte-identical answers: ${answers[0].status} ${answers[0].body}` : `${distinct} different answers`,
    check: 'A2.2: unknown organization, unknown user and a bad signature all give the same 401 handshake_failed body, and an unknown subject still costs one signature check (against the repository\'s own key); subject_suspended is only said after the signature verified',
  };
}

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const [known, suspended] = [await ctx.env.classicSubject(), await ctx.env.classicSubject()];
  ctx.env.main.server.context.db.setSubjectStatus(suspended.organization, suspended.username, 'suspended');
  const proxy = await ctx.proxy();
  const attacker = nodeDerSigner(generateP521KeyPair().privateKey);
  const statuses: number[] = [];
  for (const [name, organization, username] of [
    ['unknown user', known.organization, 'mallory'], ['unknown organization', 'no-such-org', known.username],
    ['bad signature (a real user, another key)', known.organization, known.username], ['suspended user, bad signature', suspended.organization, suspended.username],
  ] as const) {
    const run = await runClassicClient(proxy.url, {...known.config, subject: attacker, organization, username});
    const status = run.error?.status ?? 201;
    statuses.push(status);
    ctx.attempt({name: `${name}: ${organization}/${username}`, server: `${status} "${refusalMessage(run)}"`, succeeded: false});
  }
  const distinct = new Set(statuses).size;
  return {
    verdict: distinct > 1 ? 'succeeded' : 'blocked',
    action: 'ran handshakes with a key of its own for an unknown user, an unknown organization, a real user and a suspended user, and compared the answers',
    client: 'no client involved (the attacker ran the handshakes and read the refusals under its own K_anon)',
    server: ctx.attempts.map((a) => a.server).join('; '),
    check: 'nothing: membership (404), suspension (403) and a live session (400) are checked before the signature, and the status is visible on the wire even to a passive observer (weakness 8): users can be enumerated',
  };
}

export const t14: Scenario = {id: 'T14', run: {v2, classic}};
