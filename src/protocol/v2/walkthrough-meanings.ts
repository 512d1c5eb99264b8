import type {WalkthroughMessageId} from './walkthrough-types.js';

const SIG_A0 = 'sig_a0: ECDSA P-256 by the repository over "rep-v2/1 server A0" ‖ 00 ‖ H_a0s (r ‖ s, low S)';
const SIG_A1 = 'sig_a1: ECDSA P-256 by the subject over "rep-v2/1 client A1" ‖ 00 ‖ H_a1s (r ‖ s, low S)';
const SIG_A2 = 'sig_a2: ECDSA P-256 by the repository over "rep-v2/1 server A2" ‖ 00 ‖ H_a2s (r ‖ s, low S)';
const S_C = "S_c: the client's session public point, 04 ‖ X ‖ Y";
const S_S = "S_s: the repository's session public point, 04 ‖ X ‖ Y";

/** What each JSON field of each message (and of the sealed plaintexts P1, P2) is, per docs/PROTOCOL.md §4. */
export const MESSAGE_MEANINGS: Readonly<Record<WalkthroughMessageId | 'P1' | 'P2', Readonly<Record<string, string>>>> = {
  'A0 request': {
    version: 'protocol identifier; must be exactly "rep-v2/1"',
    client_ephemeral: "E_c: the client's ephemeral P-256 point, uncompressed 04 ‖ X ‖ Y",
    client_nonce: 'nonce_c: 32 random bytes; the replay cache remembers it',
    timestamp: 't: the client clock in ms since 1970 (u64be in the transcript)',
  },
  'A0 answer': {
    channel_id: 'names the pending anonymous channel (16 random bytes)',
    server_ephemeral: "E_s: the repository's ephemeral P-256 point",
    server_nonce: 'nonce_s: 32 random bytes from the repository',
    signature: SIG_A0,
  },
  'A1 request': {
    channel_id: 'the channel of the A0 answer',
    iv: 'AES-GCM IV: 12 random bytes',
    ciphertext: 'AES-256-GCM ciphertext of P1 under k_ch_c2s (as long as P1)',
    tag: 'GCM tag: authenticates the ciphertext and the associated data H_a0',
  },
  P1: {session_public_key: S_C, organization: 'organization name (UTF-8)', username: "subject's username (UTF-8)", signature: SIG_A1},
  'A2 answer': {
    iv: 'AES-GCM IV: 12 random bytes',
    ciphertext: 'AES-256-GCM ciphertext of P2 under k_ch_s2c',
    tag: 'GCM tag: authenticates the ciphertext and the associated data H_a1',
  },
  P2: {session_id: 'the new session id (16 random bytes)', session_public_key: S_S, expires_at: 'session expiry, ms since 1970 (u64be in the transcript)', signature: SIG_A2},
  'A3 request': {session_id: 'the session being confirmed', finished: 'client_finished: HMAC-SHA256 under k_finished over H_a2'},
  'A3 answer': {finished: 'server_finished: HMAC-SHA256 under k_finished over H_a3'},
};

const MEANINGS: Readonly<Record<string, string>> = {
  client_ephemeral: MESSAGE_MEANINGS['A0 request'].client_ephemeral,
  client_nonce: MESSAGE_MEANINGS['A0 request'].client_nonce,
  timestamp: MESSAGE_MEANINGS['A0 request'].timestamp,
  channel_id: MESSAGE_MEANINGS['A0 answer'].channel_id,
  server_ephemeral: MESSAGE_MEANINGS['A0 answer'].server_ephemeral,
  server_nonce: MESSAGE_MEANINGS['A0 answer'].server_nonce,
  audience: 'SHA-256 of the repository SPKI: the pinned fingerprint, transcript row 1',
  label: 'context label of the signature: no signature verifies in another role',
  valid: 'the check passed (a failure stops the handshake here)',
  organization: MESSAGE_MEANINGS.P1.organization,
  username: MESSAGE_MEANINGS.P1.username,
  session_public_key: S_C,
  server_session_public_key: S_S,
  session_id: MESSAGE_MEANINGS.P2.session_id,
  expires_at: MESSAGE_MEANINGS.P2.expires_at,
  iv: 'AES-GCM IV: 12 random bytes',
  tag: 'GCM authentication tag (16 bytes)',
  salt_h_a0: 'H_a0: the HKDF salt of the channel keys',
  salt_h_a2: 'H_a2: the HKDF salt of the session keys',
  aad_h_a0: 'H_a0: associated data, authenticated but not encrypted',
  aad_h_a1: 'H_a1: associated data, authenticated but not encrypted',
  client_finished: 'client_finished: HMAC-SHA256(k_finished, "rep-v2/1 client finished" ‖ 00 ‖ H_a2)',
  server_finished: 'server_finished: HMAC-SHA256(k_finished, "rep-v2/1 server finished" ‖ 00 ‖ H_a3)',
  k_finished: 'k_finished: key of the finished MACs',
  signed_bytes: 'the exact bytes signed: utf8(label) ‖ 00 ‖ transcript hash (51 bytes)',
  mac_input: 'the exact bytes MACed: utf8(label) ‖ 00 ‖ transcript hash',
  window: 'accepted A0 timestamps: server clock −60 s … +10 s',
};

const CHANNEL_KEYS = {prk: 'PRK_ch = HKDF-Extract(H_a0, Z_ch)', k_c2s: 'k_ch_c2s: channel key client → repository (seals A1)', k_s2c: 'k_ch_s2c: channel key repository → client (seals A2)'};
const SESSION_KEYS = {prk: 'PRK_s = HKDF-Extract(H_a2, Z_s)', k_c2s: 'k_c2s: session requests, client → repository', k_s2c: 'k_s2c: session responses, repository → client'};
const SIGNATURES: Readonly<Record<string, string>> = {'A0.3': SIG_A0, 'A0.5': SIG_A0, 'A1.1': SIG_A1, 'A2.1': SIG_A1, 'A2.3': SIG_A2, 'A3.1': SIG_A2};

/**
 * The meaning of a sub-step's trace field `name` at step `step`; `uses` names the transcript hash the step
 * works on (for `transcript_hash`).
 */
export function traceMeaning(step: string, name: string, uses?: string): string {
  if (name === 'signature' && SIGNATURES[step]) return SIGNATURES[step];
  if (name === 'transcript_hash') return `${uses ?? 'transcript hash'}: the running transcript hash this step works on`;
  if (name === 'plaintext') return step === 'A1.2' ? 'P1: the A1 plaintext (UTF-8 JSON) that is sealed' : 'P2: the A2 plaintext (UTF-8 JSON) that is sealed';
  if (name === 'ciphertext') return step === 'A1.2' || step === 'A2.1' ? 'AES-256-GCM ciphertext of P1' : 'AES-256-GCM ciphertext of P2';
  if (name in CHANNEL_KEYS && (step === 'A0.4' || step === 'A0.6')) return CHANNEL_KEYS[name as keyof typeof CHANNEL_KEYS];
  if (name in SESSION_KEYS) return SESSION_KEYS[name as keyof typeof SESSION_KEYS];
  return MEANINGS[name] ?? name.replace(/_/g, ' ');
}
