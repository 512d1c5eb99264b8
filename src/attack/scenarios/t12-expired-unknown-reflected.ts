import {randomBytes} from 'node:crypto';
import {toBase64Url} from '../../crypto/bytes.js';
import {wireBody} from '../../protocol/classic/messages.js';
import {isSessionEnvelope} from '../../protocol/classic/session-request.js';
import {V2Path} from '../../protocol/v2/constants.js';
import {classicRolesRequest, classicSessionThrough, describeAnswer, describeRun, labTransport, openClassicAnswer, openV2Whoami, runV2Client, v2WhoamiRequest} from '../clients.js';
import {verdictOf, type Scenario, type ScenarioContext, type ScenarioReport} from '../scenario-kit.js';

const TWO_HOURS = 2 * 60 * 60_000;
const ELEVEN_MINUTES = 11 * 60_000;

async function v2(ctx: ScenarioContext): Promise<ScenarioReport> {
  const proxy = await ctx.proxy();
  const session = await runV2Client(proxy.url, ctx.env.alice);
  if (!session.outcome) throw new Error(`the v2 handshake failed: ${describeRun(session)}`);
  const outcome = session.outcome;
  const transport = labTransport(proxy.url, false);
  try {
    ctx.env.setClockOffset(TWO_HOURS);
    const expired = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(outcome, 1));
    ctx.env.setClockOffset(0);
    ctx.attempt({name: 'a request on a session that expired (the repository\'s clock moved 2 h on; lifetime 1 h)', server: describeAnswer(expired.status, expired.body), succeeded: expired.status === 200});
    const unknown = await proxy.inject('POST', V2Path.Whoami, {...v2WhoamiRequest(outcome, 1), session_id: toBase64Url(randomBytes(16))}, {note: 'an unknown session id'});
    ctx.attempt({name: 'a request naming an unknown session id', server: describeAnswer(unknown.status, unknown.json), succeeded: unknown.status === 200});
    const genuine = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(outcome, 1));
    const reflected = await proxy.inject('POST', V2Path.Whoami, {session_id: toBase64Url(outcome.sessionId), ...(genuine.body as object), sequence: 2}, {note: 'the answer to request 1, sent back as request 2'});
    ctx.attempt({name: 'the answer to request 1 reflected back as request 2', server: describeAnswer(reflected.status, reflected.json), succeeded: reflected.status === 200});
    const next = await transport.request('POST', V2Path.Whoami, v2WhoamiRequest(outcome, 2));
    ctx.attempt({name: 'the client\'s genuine request 2, afterwards', server: describeAnswer(next.status, next.body), client: openV2Whoami(outcome, next.body) ? 'answered (nothing consumed)' : 'refused', succeeded: next.status !== 200});
  } finally {
    ctx.env.setClockOffset(0);
    transport.close();
  }
  const [expired, unknown, reflected] = ctx.attempts;
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'sent a request on an expired session, one naming an unknown session id, and reflected a response back as a request',
    client: `its genuine request 2 after the reflection: ${ctx.attempts[3].client}`,
    server: `expired: ${expired.server}; unknown: ${unknown.server}; reflected: ${reflected.server}`,
    check: '§7: unknown session → 401 session_rejected; expiry is checked once the record authenticates → 401 session_expired; a response is sealed with k_s2c under the "response" label, so it never opens as a request (k_c2s, "request" label) → 401 session_rejected',
  };
}

async function classic(ctx: ScenarioContext): Promise<ScenarioReport> {
  const subject = await ctx.env.classicSubject();
  const proxy = await ctx.proxy();
  const {outcome, rolesPath: path} = await classicSessionThrough(proxy.url, subject.config);
  const said = (status: number, body: unknown) => `${status} ${JSON.stringify(isSessionEnvelope(body) ? openClassicAnswer(outcome, body) : body)}`;
  const transport = labTransport(proxy.url, true);
  try {
    ctx.env.setClockOffset(ELEVEN_MINUTES);
    const expired = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    ctx.env.setClockOffset(0);
    ctx.attempt({name: 'a request on a session idle for 11 minutes (lifetime 600 s)', server: said(expired.status, expired.body), succeeded: expired.status === 200});
    const unknown = await proxy.inject('GET', path, {...classicRolesRequest(outcome, 1), session_id: 999_999}, {note: 'an unknown session id'});
    ctx.attempt({name: 'a request naming an unknown session id', server: said(unknown.status, unknown.json), succeeded: unknown.status === 200});
    const genuine = await transport.request('GET', path, wireBody(classicRolesRequest(outcome, 1)));
    const answer = genuine.body as {data: unknown; signature: unknown};
    const reflected = await proxy.inject('GET', path, {data: answer.data, signature: answer.signature, session_id: outcome.sessionId}, {note: 'the answer sent back as a request'});
    ctx.attempt({name: 'the answer to request 1 reflected back as a request', server: `${said(reflected.status, reflected.json)} (its HMAC verified: one key for both directions)`, succeeded: reflected.status === 200});
  } finally {
    ctx.env.setClockOffset(0);
    transport.close();
  }
  const [expired, unknown, reflected] = ctx.attempts;
  return {
    verdict: verdictOf(ctx.attempts),
    action: 'sent a request on an expired session, one naming an unknown session id, and reflected an answer back as a request',
    client: 'its genuine request was answered',
    server: `expired: ${expired.server}; unknown: ${unknown.server}; reflected: ${reflected.server}`,
    check: 'the reference\'s checks: unknown session 404, expired 403 (checked before the HMAC, so anyone learns it), and the reflected answer passes the HMAC (the same key both ways) but has no counter or nonce → 403 "No counter or nonce provided!"',
  };
}

export const t12: Scenario = {id: 'T12', run: {v2, classic}};
