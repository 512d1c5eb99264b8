import type {JsonResponse} from '../../client/transport.js';
import {HandshakeError, HandshakeErrorCode, type StageId} from '../errors.js';

const KNOWN_CODES = new Set<string>(Object.values(HandshakeErrorCode));

/** What the user should understand, and do, for each refusal code the repository can answer with. */
const EXPLANATIONS: Partial<Record<HandshakeErrorCode, string>> = {
  handshake_failed: 'the repository refused the session: unknown organization or username, or a private key other than the one registered — check all three',
  subject_suspended: 'this subject is suspended in the organization: ask an organization manager to reactivate it',
  stale_timestamp: "the repository refused the request's timestamp: check this computer's clock",
  replayed_nonce: 'the repository saw this request before (replay refused): try again',
  busy: 'the repository is under load and refused this handshake: try again in a few seconds',
  session_rejected: 'the repository refused the session request (unknown session, replayed or altered request)',
  session_expired: 'the session has expired: create a new one',
};

/**
 * Turns a non-200 answer into a HandshakeError at `stage`: a known `{"error": code}` keeps its code with a
 * sentence saying what to do; anything else is `unexpected_answer` naming the HTTP status.
 */
export function errorFromAnswer(stage: StageId | 'session', response: JsonResponse): HandshakeError {
  const body = response.body as {error?: unknown; message?: unknown} | null;
  const code = typeof body?.error === 'string' ? body.error : undefined;
  if (code && KNOWN_CODES.has(code)) {
    const known = code as HandshakeErrorCode;
    const detail = typeof body?.message === 'string' ? body.message : code;
    return new HandshakeError(stage, known, EXPLANATIONS[known] ?? `the repository refused: ${detail}`, response.status);
  }
  const detail = code ? `${code}${typeof body?.message === 'string' ? `: ${body.message}` : ''}` : 'no error code';
  return new HandshakeError(stage, HandshakeErrorCode.UnexpectedAnswer, `the repository answered HTTP ${response.status} (${detail})`, response.status);
}
