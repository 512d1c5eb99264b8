import type {JsonTransport} from '../../client/transport.js';
import {CryptoError} from '../../crypto/errors.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {classicRefusal, isAnonymousEnvelope, plainAnswerMessage} from './answers.js';
import {ClassicPath} from './constants.js';
import {openJson, sealJson} from './envelope.js';
import {objectField, type JsonObject} from './fields.js';
import {finishA0, startA0, type ClassicChannelConfig} from './initiator.js';
import {encodeAnonymousRequest, encodeKeyExchangeRequest, parseKeyExchangeAnswer, wireBody} from './messages.js';
import type {PyValue} from './py-repr.js';

/** The decrypted answer of an anonymous request: HTTP status and the plaintext object. */
export interface AnonymousResult {
  readonly status: number;
  readonly plaintext: JsonObject;
}

/**
 * One two-phase anonymous exchange of the reference (README §2, `rep_create_org` / `rep_list_orgs`): the
 * key exchange (A0.1, A0.5 signature check with the pinned key, A0.6), then `plaintext` encrypted under K_anon
 * with the same method and path, and the answer decrypted. The answer is not signed (weakness 4). Failures
 * are HandshakeErrors; a decrypted `{"error"}` answer is returned, not thrown.
 */
export async function anonymousExchange(
  transport: JsonTransport, config: ClassicChannelConfig, method: 'GET' | 'POST', path: string, plaintext: PyValue,
): Promise<AnonymousResult> {
  const a0 = startA0(config);
  const first = await transport.request(method, path, wireBody(encodeKeyExchangeRequest(a0.request)));
  if (first.status !== 200) throw classicRefusal('A0', first.status, plainAnswerMessage(first.body));
  const channel = finishA0(config, a0.state, parseKeyExchangeAnswer(first.body));
  const sealed = sealJson(channel.key, plaintext, config.rng);
  const second = await transport.request(method, path, wireBody(encodeAnonymousRequest({clientKey: channel.clientKey, message: sealed.message, iv: sealed.iv})));
  if (!isAnonymousEnvelope(second.body)) throw classicRefusal('A2', second.status, plainAnswerMessage(second.body));
  try {
    return {status: second.status, plaintext: objectField(openJson(channel.key, second.body.data, second.body.iv), 'A3', 'the answer')};
  } catch (error) {
    if (error instanceof CryptoError) throw new HandshakeError('A3', HandshakeErrorCode.UnexpectedAnswer, `the repository's answer (HTTP ${second.status}) did not decrypt under K_anon`);
    throw error;
  }
}

/** `rep_create_org` (POST /organizations): the reference's plaintext and answer; throws on a refusal. */
export async function createClassicOrganization(
  transport: JsonTransport, config: ClassicChannelConfig,
  input: {organization: string; username: string; name: string; email: string; publicKey: string},
): Promise<string> {
  const plaintext = {organization: input.organization, username: input.username, name: input.name, email: input.email, public_key: input.publicKey};
  const answer = await anonymousExchange(transport, config, 'POST', ClassicPath.Organizations, plaintext);
  if (answer.status !== 201 || typeof answer.plaintext.data !== 'string') {
    throw classicRefusal('A2', answer.status, typeof answer.plaintext.error === 'string' ? answer.plaintext.error : 'no error message');
  }
  return answer.plaintext.data;
}

/** `rep_list_orgs` (GET /organizations with JSON bodies, plaintext `{}`): the organization names. */
export async function listClassicOrganizations(transport: JsonTransport, config: ClassicChannelConfig): Promise<string[]> {
  const answer = await anonymousExchange(transport, config, 'GET', ClassicPath.Organizations, {});
  const list = answer.plaintext.data;
  if (answer.status !== 200 || !Array.isArray(list)) {
    throw classicRefusal('A2', answer.status, typeof answer.plaintext.error === 'string' ? answer.plaintext.error : 'no error message');
  }
  return list.map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) && typeof (item as JsonObject).name === 'string' ? (item as JsonObject).name as string : String(item)));
}
