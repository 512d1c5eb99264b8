import type {KeyObject} from 'node:crypto';
import {generateP521KeyPair} from '../../crypto/p521.js';
import {HandshakeError, HandshakeErrorCode} from '../errors.js';
import {hex, noSteps, step} from '../steps.js';
import {ClassicMessage, ClassicSize} from './constants.js';
import {decodeWirePublicKey, deriveClassicSecret, encodeWirePublicKey} from './keys.js';
import {parseSessionRequestPlaintext} from './messages.js';
import type {ClassicAnswer, ClassicResponderConfig} from './responder.js';
import {signData, verifyData} from './signatures.js';

/** A subject as the classic responder sees it; `publicKey` is undefined when its key is not P-521. */
export interface ClassicSubject {
  readonly publicKey?: KeyObject;
  readonly status: 'active' | 'suspended';
}

/** The repository's data the session request needs (injected: the server passes its database). */
export interface ClassicDirectory {
  /** True when the latest session of (organization, username) is still live (the one-live-session rule). */
  hasLiveSession(organization: string, username: string): boolean;
  findSubject(organization: string, username: string): ClassicSubject | undefined;
  /** Stores a new session (counter 0) and returns its sequential id. */
  createSession(input: {organization: string; username: string; sessionKey: Buffer; nonce: string}): number;
}

const refuse = (status: number, message: string) => new HandshakeError('A2', HandshakeErrorCode.HandshakeFailed, message, status);

/**
 * A2.2 check, A2.3 derive, A2.4 sign (message 3's plaintext → message 4's plaintext), in the reference's
 * order (README §1, §4): a live session for the subject → 400; no membership → 404; suspended → 403; only
 * then the subject's signature over `str(data)` → 400 `Invalid signature!` (weakness 8: the first three are
 * answered before any authentication). Then S_s, session_key = HKDF(ECDH(S_s, S_c)), a 32-hex nonce, a
 * stored session with a sequential id, and the repository's signature over `str(result)`. Refusals come
 * back as `{"error": msg}` answers (encrypted by the caller, never signed).
 */
export function answerSessionRequest(config: ClassicResponderConfig, directory: ClassicDirectory, plaintext: unknown): ClassicAnswer {
  const record = config.record ?? noSteps;
  try {
    const request = parseSessionRequestPlaintext(plaintext);
    const {organization, username} = request;
    const sessionPublicKey = step(record, {
      stage: 'A2', step: 'A2.2', action: 'verify', title: "Server checks live session, membership, status, then the subject's signature over str(data)",
      run: () => {
        if (directory.hasLiveSession(organization, username)) throw refuse(400, ClassicMessage.sessionExists(username, organization));
        const subject = directory.findSubject(organization, username);
        if (!subject) throw refuse(404, ClassicMessage.notAssociated(username, organization));
        if (subject.status !== 'active') throw new HandshakeError('A2', HandshakeErrorCode.SubjectSuspended, ClassicMessage.suspended(username), 403);
        if (!subject.publicKey || !verifyData(subject.publicKey, request.data, request.signature)) throw refuse(400, ClassicMessage.invalidSignature);
        try {
          return decodeWirePublicKey(request.publicKey);
        } catch {
          throw new HandshakeError('A2', HandshakeErrorCode.InvalidPoint, 'The session public key is not a P-521 public key.', 400);
        }
      },
      trace: () => ({inputs: {organization, username, signature: request.signature}, outputs: {valid: true}}),
    });
    const derived = step(record, {
      stage: 'A2', step: 'A2.3', action: 'derive', title: 'Server makes S_s and derives session_key = HKDF-SHA256(ECDH(S_s, S_c)), 64 bytes',
      run: () => {
        const session = generateP521KeyPair(config.rng).privateKey;
        return {publicKey: encodeWirePublicKey(session), secret: deriveClassicSecret(session, sessionPublicKey)};
      },
      trace: (d) => ({outputs: {server_session_public_key: d.publicKey, session_key: hex(d.secret.okm)}}),
    });
    return step(record, {
      stage: 'A2', step: 'A2.4', action: 'sign', title: 'Server stores the session (counter 0, nonce); the repository signs str(result)',
      run: (): ClassicAnswer => {
        const nonce = config.rng(ClassicSize.NonceBytes).toString('hex');
        const sessionId = directory.createSession({organization, username, sessionKey: derived.secret.okm, nonce});
        const result = {session_id: sessionId, username, organization, roles: [], public_key: derived.publicKey, nonce};
        return {status: 201, plaintext: {data: result, signature: signData(config.repository, result)}};
      },
      trace: (a) => ({outputs: {answer: JSON.stringify(a.plaintext)}}),
    });
  } catch (error) {
    if (error instanceof HandshakeError && error.status < 500) return {status: error.status, plaintext: {error: error.message}};
    throw error;
  }
}
