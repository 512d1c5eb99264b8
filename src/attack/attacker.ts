import type {KeyObject} from 'node:crypto';
import {aesCbcEncrypt, aesGcmEncrypt} from '../crypto/aead.js';
import {toBase64Url, utf8} from '../crypto/bytes.js';
import {generateEcdhKeyPair} from '../crypto/ecdh.js';
import type {Signer} from '../crypto/ecdsa.js';
import {sha256} from '../crypto/hash.js';
import {exportSpki, P256_ORDER} from '../crypto/p256.js';
import {systemRng} from '../crypto/random.js';
import {ClassicPath} from '../protocol/classic/constants.js';
import {openJson} from '../protocol/classic/envelope.js';
import {finishA0 as classicFinishA0, startA0 as classicStartA0, type ClassicChannel} from '../protocol/classic/initiator.js';
import {encodeKeyExchangeRequest, parseKeyExchangeAnswer} from '../protocol/classic/messages.js';
import {SignatureLabel, Size, V2Path} from '../protocol/v2/constants.js';
import {finishA0, startA0, type InitiatorChannel, type InitiatorConfig} from '../protocol/v2/initiator.js';
import {signatureInput} from '../protocol/v2/key-schedule.js';
import {encodeA0Request, encodeA1Plaintext, encodeA1Request, parseA0Answer} from '../protocol/v2/messages.js';
import {a1SignedTranscript} from '../protocol/v2/transcript-v2.js';
import type {RawAnswer} from './http.js';
import type {MitmProxy} from './proxy.js';

/** A signer that must never be used: the attacker's A0 needs no subject key. */
const noSubject: Signer = {
  get publicKey(): KeyObject {
    throw new Error('the attacker has no subject key');
  },
  sign() {
    throw new Error('the attacker has no subject key');
  },
};

/** The attacker's own v2 client config for A0 only (public information: the repository's key). */
export function attackerV2Config(repositoryKey: KeyObject): InitiatorConfig {
  return {repositoryKey, audience: sha256(exportSpki(repositoryKey)), subject: noSubject, organization: 'x', username: 'x', rng: systemRng, clock: Date.now};
}

/**
 * The attacker opens its own v2 channel (a real A0, injected through the proxy, to `upstream` or the
 * proxy's repository) and returns the channel keys and transcript, as any client would have them.
 */
export async function openV2Channel(proxy: MitmProxy, repositoryKey: KeyObject, upstream?: string): Promise<InitiatorChannel> {
  const config = attackerV2Config(repositoryKey);
  const a0 = startA0(config);
  const answer = await proxy.inject('POST', V2Path.A0, encodeA0Request(a0.request), {upstream, note: "the attacker's own A0"});
  if (answer.status !== 200) throw new Error(`the attacker's A0 was refused: ${answer.status} ${answer.raw.toString('utf8')}`);
  return finishA0(config, a0.state, parseA0Answer(answer.json));
}

/** An A1 envelope carrying `plaintext` (any bytes) sealed on the attacker's channel, as the client would seal it. */
export function sealV2A1(channel: InitiatorChannel, plaintext: Uint8Array) {
  const iv = systemRng(Size.GcmIv);
  return encodeA1Request({channelId: channel.channelId, iv, ...aesGcmEncrypt(channel.keys.clientToServer, iv, plaintext, channel.transcript.hash)});
}

/**
 * An A1 built by hand on a channel: a fresh S_c (or the given point), the signature over H_a1s under `label`
 * (default the right one) with `subject`, optionally altered by `mutate` — for wrong labels, high-S
 * signatures, invalid points and unknown subjects.
 */
export function customV2A1(channel: InitiatorChannel, options: {
  subject: Signer; organization: string; username: string; label?: string; mutate?: (signature: Buffer) => Buffer; sessionPublicKey?: Buffer;
}) {
  const sessionPublicKey = options.sessionPublicKey ?? generateEcdhKeyPair(systemRng).publicKey;
  const signed = a1SignedTranscript(channel.transcript, {organization: options.organization, username: options.username, sessionPublicKey});
  const signature = options.subject.sign(signatureInput(options.label ?? SignatureLabel.ClientA1, signed.hash));
  const plaintext = encodeA1Plaintext({sessionPublicKey, organization: options.organization, username: options.username, signature: options.mutate?.(signature) ?? signature});
  return sealV2A1(channel, utf8(JSON.stringify(plaintext)));
}

/** The high-S twin of a low-S P-256 P1363 signature: (r, n − s), mathematically valid too. */
export function highS(signature: Buffer): Buffer {
  const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
  return Buffer.concat([signature.subarray(0, 32), Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex')]);
}

/** DER `SEQUENCE {INTEGER r, INTEGER s}` of a P1363 signature (any size; long-form lengths when needed). */
export function p1363ToDer(signature: Buffer): Buffer {
  const half = signature.length / 2;
  return derSequence([signature.subarray(0, half), signature.subarray(half)]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.of(length) : Buffer.of(0x81, length);
}

function derInteger(value: Buffer): Buffer {
  let i = 0;
  while (i < value.length - 1 && value[i] === 0) i++;
  const body = value[i] >= 0x80 ? Buffer.concat([Buffer.of(0), value.subarray(i)]) : value.subarray(i);
  return Buffer.concat([Buffer.of(0x02), derLength(body.length), body]);
}

/** DER SEQUENCE of INTEGERs. */
export function derSequence(integers: Buffer[]): Buffer {
  const content = Buffer.concat(integers.map(derInteger));
  return Buffer.concat([Buffer.of(0x30), derLength(content.length), content]);
}

/** r and s of a DER ECDSA signature (no validation beyond the structure). */
export function derIntegers(der: Buffer): [bigint, bigint] {
  let offset = der[1] === 0x81 ? 3 : 2;
  const values: bigint[] = [];
  for (let k = 0; k < 2; k++) {
    const length = der[offset + 1];
    values.push(BigInt(`0x${der.subarray(offset + 2, offset + 2 + length).toString('hex') || '0'}`));
    offset += 2 + length;
  }
  return [values[0], values[1]];
}

/** A big-endian buffer of a bigint. */
export function bigintBytes(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

/**
 * The attacker opens its own classic anonymous channel (message 1 injected through the proxy; the
 * repository's signature checked with its public key) and returns the client key string and K_anon.
 */
export async function openClassicChannel(proxy: MitmProxy, repositoryKey: KeyObject, upstream?: string, path: string = ClassicPath.Sessions): Promise<ClassicChannel> {
  const config = {repositoryKey, rng: systemRng};
  const a0 = classicStartA0(config);
  const answer = await proxy.inject('POST', path, encodeKeyExchangeRequest(a0.request), {upstream, note: "the attacker's own key exchange (message 1)"});
  if (answer.status !== 200) throw new Error(`the attacker's key exchange was refused: ${answer.status} ${answer.raw.toString('utf8')}`);
  return classicFinishA0(config, a0.state, parseKeyExchangeAnswer(answer.json));
}

/** Message 3 carrying `plaintext` bytes under K_anon of `channel`. */
export function sealClassic(channel: ClassicChannel, plaintext: Uint8Array) {
  const iv = systemRng(16);
  return {client_ephemeral_public_key: channel.clientKey, message: aesCbcEncrypt(channel.key, iv, plaintext).toString('base64'), iv: iv.toString('base64')};
}

/** The decrypted `{"data","iv"}` answer under `key`, or undefined. */
export function openClassic(key: Buffer, answer: RawAnswer | {json: unknown}): Record<string, unknown> | undefined {
  const body = answer.json as {data?: unknown; iv?: unknown} | undefined;
  if (typeof body?.data !== 'string' || typeof body.iv !== 'string') return undefined;
  try {
    return openJson(key, body.data, body.iv) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** base64url of bytes (v2 wire fields). */
export const b64u = toBase64Url;
