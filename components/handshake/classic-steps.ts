import {ClassicPath} from '../../src/protocol/classic/constants.js';
import {DIAGRAM, s, type DiagramRow, type ExchangeInfo, type StepInfo} from './protocol-steps.js';

/**
 * The classic suite's sub-steps in protocol order (docs/CLASSIC.md, "Stages and steps"): the reference's
 * handshake, with no A3.4–A3.6 (nothing confirms the keys).
 */
export const CLASSIC_STEPS: readonly StepInfo[] = [
  s('A0.1', 'client', 'keygen', 'E_c', 'ephemeral P-521 E_c'),
  s('A0.2', 'server', 'check', 'E_c', 'E_c is a P-521 PEM'),
  s('A0.3', 'server', 'sign', 'E_s', 'E_s; repo signs str(data)'),
  s('A0.4', 'server', 'derive', 'K_anon', 'K_anon = HKDF(ECDH)[:32]'),
  s('A0.5', 'client', 'verify', 'repo sig', 'repository sig (pinned)'),
  s('A0.6', 'client', 'derive', 'K_anon', 'K_anon = HKDF(ECDH)[:32]'),
  s('A1.1', 'client', 'sign', 'str(data)', 'S_c; subject signs str(data)'),
  s('A1.2', 'client', 'encrypt', 'CBC', 'data+sig, AES-CBC K_anon'),
  s('A2.1', 'server', 'decrypt', 'K_anon', 'takes K_anon, decrypts'),
  s('A2.2', 'server', 'verify', 'subject', 'live, member, status, sig'),
  s('A2.3', 'server', 'derive', 'session', 'S_s, session_key (64 B)'),
  s('A2.4', 'server', 'sign', 'str(result)', 'stores session, signs'),
  s('A2.5', 'server', 'encrypt', 'answer', 'answer, AES-CBC K_anon'),
  s('A3.1', 'client', 'decrypt', 'answer', 'answer with K_anon'),
  s('A3.2', 'client', 'verify', 'repo sig', 'repository sig (pinned)'),
  s('A3.3', 'client', 'derive', 'session', 'session_key = HKDF (64 B)'),
  s('A3.7', 'client', 'store', 'session', 'session in the store'),
];

/** The two `POST /sessions` round trips: the key exchange (messages 1–2) and the signed request (messages 3–4). */
export const CLASSIC_EXCHANGES: readonly ExchangeInfo[] = [
  {id: 'a0', path: ClassicPath.Sessions, request: 'A0', answer: 'A0', serverSteps: ['A0.2', 'A0.3', 'A0.4'], okStatus: 200},
  {id: 'a1', path: ClassicPath.Sessions, request: 'A1', answer: 'A2', serverSteps: ['A2.1', 'A2.2', 'A2.3', 'A2.4', 'A2.5'], okStatus: 201},
];

/** The classic sequence diagram: v2's without its A3 exchange (no key confirmation), so A3.3 is followed by the store; 13 rows. */
export const CLASSIC_DIAGRAM: readonly DiagramRow[] = DIAGRAM.filter((row) => row.message?.exchange !== 'a3');
