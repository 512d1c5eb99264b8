import {describeError} from '../../src/cli/errors.js';
import {HandshakeError} from '../../src/protocol/errors.js';
import type {Suite} from '../suites.js';

/**
 * What to do after a classic repository's refusal (its status and message, README §4): the reference's
 * messages say what went wrong, not what to do.
 */
export function classicAdvice(status: number, message: string): string | undefined {
  if (status === 404) return 'check the organization and username, or create a new organization for this key';
  if (status === 403) return 'ask an organization manager to reactivate the subject';
  if (status === 400 && /already exists/.test(message)) {
    return 'the classic suite allows one live session per subject: verify the stored one, or wait until it has been idle for 10 minutes';
  }
  if (status === 400 && /Invalid signature/.test(message)) {
    return 'this key is not the one registered for the subject (a subject registered for v2 has a P-256 key, which classic cannot use): create a new organization with a P-521 key';
  }
  return undefined;
}

/** The one sentence shown when a run stops: what went wrong, and for classic refusals what to do. */
export function failureSentence(error: unknown, suite: Suite): string {
  const sentence = describeError(error).message;
  if (suite !== 'classic' || !(error instanceof HandshakeError) || !/^the repository refused \(HTTP/.test(error.message)) return sentence;
  const advice = classicAdvice(error.status, error.message);
  return advice ? `${sentence.replace(/[.!]+$/, '')}; ${advice}.` : sentence;
}
