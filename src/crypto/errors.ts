/** Codes for failures of the primitive layer. */
export const CryptoErrorCode = {
  InvalidEncoding: 'invalid_encoding',
  InvalidPoint: 'invalid_point',
  InvalidKey: 'invalid_key',
  WrongCurve: 'wrong_curve',
  NotEc: 'not_ec',
  WrongPassword: 'wrong_password',
  PasswordRequired: 'password_required',
  DecryptFailed: 'decrypt_failed',
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

/** A primitive refused its input (bad encoding, invalid point, failed authentication ...). */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
