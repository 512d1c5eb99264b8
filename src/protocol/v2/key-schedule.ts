import {hkdfExpand, hkdfExtract} from '../../crypto/hkdf.js';
import {hmacSha256} from '../../crypto/hash.js';
import {utf8} from '../../crypto/bytes.js';
import {FinishedLabel, KeyLabel, Size} from './constants.js';

/** Keys of the anonymous channel, derived after A0 (A0.4 / A0.3 derive). */
export interface ChannelKeys {
  readonly prk: Buffer;
  readonly clientToServer: Buffer;
  readonly serverToClient: Buffer;
}

/** Keys of the session, derived after the A2 signature (A2.3 / A3.3 derive). */
export interface SessionKeys {
  readonly prk: Buffer;
  readonly clientToServer: Buffer;
  readonly serverToClient: Buffer;
  readonly finished: Buffer;
}

/**
 * Channel key schedule (property 3): `PRK = HKDF-Extract(salt = H_a0, IKM = ECDH(E_c, E_s))`, then one
 * HKDF-Expand per direction with its own label. The raw ECDH output is never used as a key.
 */
export function deriveChannelKeys(sharedSecret: Uint8Array, transcriptHash: Uint8Array): ChannelKeys {
  const prk = hkdfExtract(transcriptHash, sharedSecret);
  return {
    prk,
    clientToServer: hkdfExpand(prk, utf8(KeyLabel.ChannelClientToServer), Size.Key),
    serverToClient: hkdfExpand(prk, utf8(KeyLabel.ChannelServerToClient), Size.Key),
  };
}

/**
 * Session key schedule (property 3): `PRK = HKDF-Extract(salt = H_a2, IKM = ECDH(S_c, S_s))`, then the
 * request key, the response key and the finished key, each with its own label.
 */
export function deriveSessionKeys(sharedSecret: Uint8Array, transcriptHash: Uint8Array): SessionKeys {
  const prk = hkdfExtract(transcriptHash, sharedSecret);
  return {
    prk,
    clientToServer: hkdfExpand(prk, utf8(KeyLabel.SessionClientToServer), Size.Key),
    serverToClient: hkdfExpand(prk, utf8(KeyLabel.SessionServerToClient), Size.Key),
    finished: hkdfExpand(prk, utf8(KeyLabel.Finished), Size.Key),
  };
}

/** Key confirmation MAC (property 6): `HMAC-SHA256(k_finished, label ‖ 0x00 ‖ transcript hash)`. */
export function finishedMac(finishedKey: Uint8Array, role: 'client' | 'server', transcriptHash: Uint8Array): Buffer {
  const label = role === 'client' ? FinishedLabel.Client : FinishedLabel.Server;
  return hmacSha256(finishedKey, utf8(label), Buffer.of(0), transcriptHash);
}

/** The bytes a v2 signature covers (property 2): `utf8(label) ‖ 0x00 ‖ transcript hash`. */
export function signatureInput(label: string, transcriptHash: Uint8Array): Buffer {
  return Buffer.concat([utf8(label), Buffer.of(0), transcriptHash]);
}
