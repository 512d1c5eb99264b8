/** The teaching text of one walkthrough frame: what it does and why, and what it prevents. */
export interface FrameText {
  readonly explanation: string;
  /** Ids from ../shared/design/hardened-suite.md: attacks T1–T14, weaknesses W1–W7, `property N`. */
  readonly prevents: readonly string[];
}

const t = (explanation: string, ...prevents: string[]): FrameText => ({explanation, prevents});

/**
 * Explanations of every walkthrough frame, keyed by sub-step id (docs/PROTOCOL.md §13), message id or
 * `setup`. The ids they cite are the attacks and properties of the hardened suite.
 */
export const FRAME_TEXT: Readonly<Record<string, FrameText>> = {
  setup: t('Before any message the client already knows the repository public key: it is pinned (property 1), and nothing the server sends can replace it. Its SHA-256 fingerprint is the audience, the first transcript field, so a run is bound to this one repository (T8). The subject acme/alice registered its P-256 public key with the repository beforehand. Both parties run here in memory, with keys drawn from the seed (or at random): not the repository named above.',
    'property 1', 'T8'),
  'A0.1': t('The client draws a fresh ephemeral key pair e_c/E_c, 32 random nonce bytes and reads its clock. The fresh key gives the channel its own secret; the nonce and timestamp make this A0 unique, so the repository can refuse a replayed or stale one (property 5, T4).',
    'property 5', 'T4'),
  'A0 request': t('Sent in clear text: nothing here is secret. The JSON carries raw bytes as unpadded base64url; decoded, E_c is a 65-byte uncompressed point and the nonce 32 bytes. The repository will check the point, the time window and the nonce before any other work.',
    'property 5', 'property 8', 'T4', 'T10'),
  'A0.2': t('Input validation first (property 8): an off-curve point, the point at infinity or explicit curve parameters are refused before any work (T10). The timestamp must lie within −60 s … +10 s of the server clock and the nonce must be unseen: a replayed or stale A0 is refused (property 5, T4). The nonce cache is capped (property 9).',
    'property 8', 'property 5', 'property 9', 'T4', 'T10'),
  'A0.3': t('The repository makes its ephemeral E_s, a channel id and a nonce, then signs H_a0s under the label "rep-v2/1 server A0". H_a0s covers the audience, BOTH ephemeral keys, both nonces and the time. The literal design signed E_s alone (W4): an old signed key stayed valid forever and a swapped client key went unnoticed. This signature is valid for this run only (T5, T6), and its label stops reuse in another role (property 2, T11).',
    'property 2', 'W4', 'T5', 'T6', 'T11'),
  'A0.4': t('The repository derives the channel keys: HKDF-Extract with salt H_a0 over the ECDH output Z_ch, then one HKDF-Expand per direction, each with its own label. The raw ECDH output is never a key (W1: its second half is empty; T13). The channel waits at most 30 s, for one A1 only, in a capped map (property 9).',
    'property 3', 'property 9', 'W1', 'T13'),
  'A0 answer': t('The channel id, E_s, the server nonce and the repository signature sig_a0 (64 bytes: r ‖ s, low S, never DER). Still clear text: anyone can read it, nobody can forge it without the repository private key.',
    'property 1', 'property 2', 'T11'),
  'A0.5': t('The client rebuilds H_a0s from its OWN E_c, nonce and timestamp and the PINNED audience, then verifies sig_a0 with the pinned key. If an attacker replaced E_c (T5) or replayed a signed E_s from an earlier run (T6), H_a0s differs and the check fails: the client stops here and never sends A1.',
    'property 1', 'property 2', 'T5', 'T6'),
  'A0.6': t('The client derives the same channel keys from ECDH(e_c, E_s) and H_a0. Both sides now share k_ch_c2s (seals A1) and k_ch_s2c (seals A2); nobody else can compute them.',
    'property 3', 'W1', 'T13'),
  'A1.1': t('The client makes its session key pair s_c/S_c; the subject signs H_a1s (the transcript through organization, username and S_c) under "rep-v2/1 client A1". H_a1s contains the audience, both nonces, both ephemerals and the time, so this signature cannot be replayed in another channel (W3, T3) or relayed to another repository (T8).',
    'property 2', 'W3', 'T3', 'T8', 'T11'),
  'A1.2': t('The plaintext P1 (S_c, organization, username, signature) is sealed with AES-256-GCM under k_ch_c2s, a fresh 12-byte IV and associated data H_a0. One flipped bit in the IV, ciphertext, tag or transcript fails the tag check (T1), and there is no CBC padding to probe (W2, T2).',
    'property 4', 'W2', 'T1', 'T2'),
  'A1 request': t('channel_id names the pending channel; iv, ciphertext and tag are the sealed P1. An observer learns its length, not the organization, the user or the signature. The sealed fields are listed below for teaching: they do not travel in clear.',
    'property 4', 'T1', 'T2'),
  'A2.1': t('The repository takes the channel out of its pending map BEFORE decrypting: whatever happens, a channel gets exactly one attempt (property 4, T2), and a replayed A1 finds no channel (T3). A bad tag, an unknown channel and a malformed plaintext all give the same 401 handshake_failed.',
    'property 4', 'T1', 'T2', 'T3'),
  'A2.2': t('S_c must be a valid P-256 point (T10). The repository rebuilds H_a1s and verifies the subject signature with the key registered for acme/alice. Unknown organization, unknown user and bad signature give one identical answer, and an unknown subject still costs one signature check (T14). The audience in H_a1s makes a relayed A1 fail (T8).',
    'property 8', 'T8', 'T10', 'T14'),
  'A2.3': t('The repository makes S_s, a 16-byte session id and an expiry (one hour), absorbs them and signs H_a2s under "rep-v2/1 server A2". The signature covers the whole run, so an answer from another run never verifies (W4, T7).',
    'property 2', 'W4', 'T7'),
  'A2.4': t('Session keys: HKDF-Extract(salt = H_a2, IKM = ECDH(s_s, S_c)), then three labelled Expands: k_c2s for requests, k_s2c for responses, k_finished for key confirmation. The repository precomputes the finished MAC it expects and keeps a pending session (30 s, single use, capped).',
    'property 3', 'property 6', 'property 9'),
  'A2.5': t('P2 (session id, S_s, expiry, signature) is sealed with AES-256-GCM under k_ch_s2c, a fresh IV and associated data H_a1: it opens only for the client whose A1 produced H_a1.',
    'property 4', 'T1', 'T7'),
  'A2 answer': t('The 200 answer to POST /v2/session/a1: iv, ciphertext and tag of the sealed P2. The sealed fields are listed below for teaching.',
    'property 4', 'T7'),
  'A3.1': t('The client opens A2 with k_ch_s2c and associated data H_a1, parses P2 strictly, and checks that the expiry is in the future and at most 30 days away.',
    'property 4', 'property 8', 'T1', 'T7'),
  'A3.2': t('The client rebuilds H_a2s and verifies sig_a2 with the pinned key. A changed session id, S_s or expiry, or an answer from another run, fails here.',
    'property 1', 'property 2', 'W4', 'T7'),
  'A3.3': t('The client derives the same three session keys from ECDH(s_c, S_s) and H_a2.',
    'property 3', 'W1', 'T13'),
  'A3.4': t('client_finished = HMAC-SHA256(k_finished, "rep-v2/1 client finished" ‖ 00 ‖ H_a2). It proves the client holds the session keys and saw the same transcript (key confirmation, W6). A MAC under an empty or other key does not match (T13).',
    'property 6', 'W6', 'T13'),
  'A3 request': t('The session id and the client finished MAC. Nothing secret travels: the MAC is one-way.',
    'property 6'),
  'A3.5': t('The repository takes the pending session (single use: a replayed A3 finds nothing), compares the MAC in constant time, stores the session (keys, expiry, last sequence 0) and answers with its own finished MAC over H_a3.',
    'property 6', 'T7', 'T13'),
  'A3 answer': t("server_finished: the repository's proof that it derived the same keys over the same transcript H_a3.",
    'property 6', 'W6'),
  'A3.6': t('The client compares server_finished in constant time. Only now is the session established: both sides hold the same transcript hash H_a3 and the same keys.',
    'property 6', 'W6', 'T7'),
  'A3.7': t('The client stores the session: id, organization, username, repository, pinned fingerprint, expiry, k_c2s, k_s2c and next sequence number 1; nothing was stored before A3.6. Later requests use a counter nonce and associated data over session id, sequence, method and path, so replayed, reordered, moved and reflected requests fail (T9, T12). The walkthrough only describes this step: it stores nothing.',
    'property 7', 'T9', 'T12'),
};
