import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';

type Stage = StageId | 'session';

/**
 * A refusal by a classic repository: HTTP status and its message (the reference's `{"error": msg}`, README §4)
 * as a HandshakeError. 403 is a suspended subject (or session), 404/400 are refusals (unknown organization or
 * user, bad signature, live session exists), 5xx means the repository failed.
 */
export function classicRefusal(stage: Stage, status: number, message: string): HandshakeError {
  const code = status >= 500 ? HandshakeErrorCode.UnexpectedAnswer
    : status === 403 ? (stage === 'session' ? HandshakeErrorCode.SessionRejected : HandshakeErrorCode.SubjectSuspended)
      : stage === 'session' ? HandshakeErrorCode.SessionRejected : HandshakeErrorCode.HandshakeFailed;
  return new HandshakeError(stage, code, `the repository refused (HTTP ${status}): ${message}`, status);
}

/**
 * The message of an answer that is not an encrypted envelope: the reference's plain `{"error": msg}` or a JSON
 * string, our server's `{"error", "message"}`, or a description of what came back.
 */
export function plainAnswerMessage(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null) {
    const {error, message} = body as {error?: unknown; message?: unknown};
    if (typeof message === 'string') return typeof error === 'string' ? `${message} (${error})` : message;
    if (typeof error === 'string') return error;
  }
  return 'an answer without a message';
}

/** True when `body` looks like an encrypted anonymous envelope `{"data": string, "iv": string}`. */
export function isAnonymousEnvelope(body: unknown): body is {data: string; iv: string} {
  if (typeof body !== 'object' || body === null) return false;
  const {data, iv} = body as {data?: unknown; iv?: unknown};
  return typeof data === 'string' && typeof iv === 'string';
}
