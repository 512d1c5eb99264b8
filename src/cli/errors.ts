import {TransportError} from '../client/transport.js';
import {CryptoError} from '../crypto/errors.js';
import {HandshakeError, HandshakeErrorCode} from '../protocol/errors.js';
import {SessionStoreError} from '../store/session-store.js';

/** Exit codes of every command (README, "Exit codes"). */
export const ExitCode = {
  Ok: 0,
  /** The repository refused (unknown subject or key, suspended, session refused, organization exists ...). */
  Refused: 1,
  /** Wrong arguments or options. */
  Usage: 2,
  /** A local file or key problem: missing file, wrong password, wrong key kind, store error. */
  LocalInput: 3,
  /** The repository could not be reached, timed out, or answered something unexpected. */
  Network: 4,
  /** Security failure: the repository is not the pinned one, or a signature or key confirmation failed. */
  Security: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A command failure with its exit code; `code` is stable for `--json` users. */
export class CliError extends Error {
  constructor(readonly exitCode: ExitCode, readonly code: string, message: string, readonly stage?: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong usage, with the usage text appended by the command. */
export const usageError = (message: string) => new CliError(ExitCode.Usage, 'usage', message);

const SECURITY: ReadonlySet<string> = new Set([
  HandshakeErrorCode.BadRepositorySignature, HandshakeErrorCode.BadFinished, HandshakeErrorCode.InvalidPoint,
]);
const NETWORK: ReadonlySet<string> = new Set([HandshakeErrorCode.Unreachable, HandshakeErrorCode.UnexpectedAnswer, HandshakeErrorCode.MalformedMessage]);

/** Classifies anything thrown by a command into exit code, stable code, optional stage and one sentence. */
export function describeError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof HandshakeError) {
    const exit = SECURITY.has(error.code) ? ExitCode.Security : NETWORK.has(error.code) ? ExitCode.Network
      : error.code === HandshakeErrorCode.BadCredentials || error.code === HandshakeErrorCode.StoreFailed ? ExitCode.LocalInput : ExitCode.Refused;
    const end = /[.!?]$/.test(error.message) ? '' : '.';
    return new CliError(exit, error.code, `${error.stage === 'session' ? 'Session' : `Stage ${error.stage}`}: ${error.message}${end}`, error.stage);
  }
  if (error instanceof TransportError) return new CliError(ExitCode.Network, error.code, error.message);
  if (error instanceof CryptoError) return new CliError(ExitCode.LocalInput, error.code, `${error.message}.`);
  if (error instanceof SessionStoreError) return new CliError(ExitCode.LocalInput, error.code, error.message);
  const code = (error as {code?: unknown})?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : 'permission denied';
    return new CliError(ExitCode.LocalInput, String(code).toLowerCase(), `cannot read ${(error as {path?: string}).path ?? 'a file'}: ${why}.`);
  }
  return new CliError(ExitCode.Refused, 'internal_error', `unexpected error: ${(error as Error)?.message ?? String(error)}`);
}
