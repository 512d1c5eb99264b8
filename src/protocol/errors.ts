/** The handshake stages: A0 anonymous channel, A1 signed request, A2 repository answer, A3 confirmation. */
export type StageId = 'A0' | 'A1' | 'A2' | 'A3';

/** Stable error codes of the handshake and of session requests (shown to users, tested, in docs/PROTOCOL.md). */
export const HandshakeErrorCode = {
  /** The server's A0 or A2 signature does not verify under the pinned repository key. */
  BadRepositorySignature: 'bad_repository_signature',
  /** Generic refusal before authentication: unknown org/user, bad subject signature, failed decryption, unknown channel. */
  HandshakeFailed: 'handshake_failed',
  /** Key confirmation (finished MAC) did not match. */
  BadFinished: 'bad_finished',
  /** A0 timestamp outside the accepted window. */
  StaleTimestamp: 'stale_timestamp',
  /** A0 client nonce already seen. */
  ReplayedNonce: 'replayed_nonce',
  /** A public key that is not a valid P-256 point. */
  InvalidPoint: 'invalid_point',
  /** A message that does not have the documented shape. */
  MalformedMessage: 'malformed_message',
  /** The subject is suspended in this organization (only said after its signature verified). */
  SubjectSuspended: 'subject_suspended',
  /** A0 refused under load: the nonce cache is full and the timestamp is not above its floor (retry). */
  Busy: 'busy',
  /** The subject's private key could not be used (wrong password, wrong kind). */
  BadCredentials: 'bad_credentials',
  /** The server answered with an HTTP status or body the protocol does not expect. */
  UnexpectedAnswer: 'unexpected_answer',
  /** The repository could not be reached or did not answer in time. */
  Unreachable: 'unreachable',
  /** The session is unknown, expired, or the request was replayed, reordered or tampered with. */
  SessionRejected: 'session_rejected',
  /** The session expired. */
  SessionExpired: 'session_expired',
  /** The session could not be stored. */
  StoreFailed: 'store_failed',
} as const;
export type HandshakeErrorCode = (typeof HandshakeErrorCode)[keyof typeof HandshakeErrorCode];

/** A handshake failure at a given stage, with a stable code and one sentence for the user. */
export class HandshakeError extends Error {
  readonly stage: StageId | 'session';
  readonly code: HandshakeErrorCode;
  /** HTTP status the server uses for this error (server side), when relevant. */
  readonly status: number;
  constructor(stage: StageId | 'session', code: HandshakeErrorCode, message: string, status = 400) {
    super(message);
    this.name = 'HandshakeError';
    this.stage = stage;
    this.code = code;
    this.status = status;
  }
}
