/** Protocol identifier of the hardened suite; the transcript starts from SHA-256 of it. */
export const PROTOCOL_ID = 'rep-v2/1';

/** Signature labels (property 2): each signature role has its own, so none can be reused in another. */
export const SignatureLabel = {
  ServerA0: `${PROTOCOL_ID} server A0`,
  ClientA1: `${PROTOCOL_ID} client A1`,
  ServerA2: `${PROTOCOL_ID} server A2`,
} as const;

/** HKDF-Expand labels (property 3): one per derived key. */
export const KeyLabel = {
  ChannelClientToServer: `${PROTOCOL_ID} channel c2s`,
  ChannelServerToClient: `${PROTOCOL_ID} channel s2c`,
  SessionClientToServer: `${PROTOCOL_ID} session c2s`,
  SessionServerToClient: `${PROTOCOL_ID} session s2c`,
  Finished: `${PROTOCOL_ID} finished`,
} as const;

/** Labels of the key-confirmation MACs (property 6). */
export const FinishedLabel = {
  Client: `${PROTOCOL_ID} client finished`,
  Server: `${PROTOCOL_ID} server finished`,
} as const;

/** Labels that start the associated data of session requests and responses (property 7). */
export const RecordLabel = {
  Request: `${PROTOCOL_ID} request`,
  Response: `${PROTOCOL_ID} response`,
} as const;

/** HTTP paths of the v2 handshake and session requests. */
export const V2Path = {
  A0: '/v2/session/a0',
  A1: '/v2/session/a1',
  A3: '/v2/session/a3',
  Whoami: '/v2/whoami',
  Organizations: '/v2/organizations',
} as const;

/** Sizes in bytes. */
export const Size = {
  Nonce: 32,
  ChannelId: 16,
  SessionId: 16,
  GcmIv: 12,
  GcmTag: 16,
  Signature: 64,
  Key: 32,
  Mac: 32,
} as const;

/** Accepted A0 clock skew (property 5): timestamps from 60 s in the past to 10 s in the future. */
export const TIMESTAMP_PAST_MS = 60_000;
export const TIMESTAMP_FUTURE_MS = 10_000;
/** Default session lifetime. */
export const SESSION_LIFETIME_MS = 60 * 60 * 1000;
/** Longest session lifetime a client accepts from a repository. */
export const MAX_SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** How long an A0 channel or an A2 pending session waits for the next message. */
export const PENDING_TTL_MS = 30_000;
/** Upper bounds of the organization and username fields (UTF-8 characters). */
export const MAX_NAME_LENGTH = 64;
