import {FinishedLabel, KeyLabel} from './constants.js';
import type {ChannelKeys, SessionKeys} from './key-schedule.js';
import type {KeyNode} from './walkthrough-types.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const expand = (prk: string, info: string, name: string, key: Uint8Array, use: string, children: KeyNode[] = []): KeyNode => ({
  label: `${name} = HKDF-Expand(${prk}, "${info}", 32)`, hex: hex(key), info, use, children,
});

/**
 * The channel key schedule (A0.4 server, A0.6 client; docs/PROTOCOL.md §6) as a tree:
 * Z_ch → HKDF-Extract(salt = H_a0) → PRK_ch → one Expand per direction.
 */
export function channelKeyTree(sharedSecret: Uint8Array, saltH_a0: Uint8Array, keys: ChannelKeys): KeyNode {
  return {
    label: 'channel keys (A0.4 repository, A0.6 client)',
    children: [{
      label: 'Z_ch = ECDH(e_c, E_s) = ECDH(e_s, E_c)', hex: hex(sharedSecret), use: 'raw shared secret: never used as a key (W1)',
      children: [{
        label: 'PRK_ch = HKDF-Extract(salt = H_a0, IKM = Z_ch)', hex: hex(keys.prk), salt: {name: 'H_a0', hex: hex(saltH_a0)},
        children: [
          expand('PRK_ch', KeyLabel.ChannelClientToServer, 'k_ch_c2s', keys.clientToServer, 'seals A1 (client → repository)'),
          expand('PRK_ch', KeyLabel.ChannelServerToClient, 'k_ch_s2c', keys.serverToClient, 'seals A2 (repository → client)'),
        ],
      }],
    }],
  };
}

/** Finished MACs computed so far (A3.4 client, A3.5 repository). */
export interface FinishedMacs {
  readonly client?: {readonly mac: Uint8Array; readonly hash: Uint8Array};
  readonly server?: {readonly mac: Uint8Array; readonly hash: Uint8Array};
}

/**
 * The session key schedule (A2.4 repository, A3.3 client; §6): Z_s → HKDF-Extract(salt = H_a2) → PRK_s →
 * k_c2s, k_s2c, k_finished, with the finished MACs (§5) under k_finished once they are computed.
 */
export function sessionKeyTree(sharedSecret: Uint8Array, saltH_a2: Uint8Array, keys: SessionKeys, macs: FinishedMacs = {}): KeyNode {
  const macNodes: KeyNode[] = [];
  if (macs.client) {
    macNodes.push({
      label: 'client_finished = HMAC(k_finished, label ‖ 00 ‖ H_a2)', hex: hex(macs.client.mac), info: FinishedLabel.Client,
      covers: {name: 'H_a2', hex: hex(macs.client.hash)}, use: 'A3 request: the client proves it holds the keys', children: [],
    });
  }
  if (macs.server) {
    macNodes.push({
      label: 'server_finished = HMAC(k_finished, label ‖ 00 ‖ H_a3)', hex: hex(macs.server.mac), info: FinishedLabel.Server,
      covers: {name: 'H_a3', hex: hex(macs.server.hash)}, use: 'A3 answer: the repository proves it holds the keys', children: [],
    });
  }
  return {
    label: 'session keys (A2.4 repository, A3.3 client)',
    children: [{
      label: 'Z_s = ECDH(s_c, S_s) = ECDH(s_s, S_c)', hex: hex(sharedSecret), use: 'raw shared secret: never used as a key (W1)',
      children: [{
        label: 'PRK_s = HKDF-Extract(salt = H_a2, IKM = Z_s)', hex: hex(keys.prk), salt: {name: 'H_a2', hex: hex(saltH_a2)},
        children: [
          expand('PRK_s', KeyLabel.SessionClientToServer, 'k_c2s', keys.clientToServer, 'session requests (client → repository)'),
          expand('PRK_s', KeyLabel.SessionServerToClient, 'k_s2c', keys.serverToClient, 'session responses (repository → client)'),
          expand('PRK_s', KeyLabel.Finished, 'k_finished', keys.finished, 'finished MACs of A3 (not stored)', macNodes),
        ],
      }],
    }],
  };
}
