import {aesCbcDecrypt, aesCbcEncrypt} from '../../crypto/aead.js';
import {constantTimeEqual} from '../../crypto/bytes.js';
import {CryptoError, CryptoErrorCode} from '../../crypto/errors.js';
import {hmacSha256} from '../../crypto/hash.js';
import type {Rng} from '../../crypto/random.js';
import {ClassicSize} from './constants.js';
import {pyJsonDumps} from './py-json.js';
import type {PyValue} from './py-repr.js';

/** A classic AES-256-CBC envelope as sent: base64 ciphertext and base64 IV, plus the plaintext it carries. */
export interface SealedJson {
  readonly message: string;
  readonly iv: string;
  /** The exact plaintext text (Python `json.dumps` of the value). */
  readonly plaintext: string;
}

/**
 * Encrypts `json.dumps(value)` with AES-256-CBC + PKCS#7 under `key` with a fresh 16-byte IV from `rng`
 * (README §0: `AES.encrypt_data`, IV sent separately).
 */
export function sealJson(key: Uint8Array, value: PyValue, rng: Rng): SealedJson {
  const plaintext = pyJsonDumps(value);
  const iv = rng(ClassicSize.Iv);
  return {message: aesCbcEncrypt(key, iv, Buffer.from(plaintext, 'utf8')).toString('base64'), iv: iv.toString('base64'), plaintext};
}

/**
 * Decrypts a base64 ciphertext and IV and parses the JSON plaintext. Throws CryptoError `decrypt_failed`
 * (bad padding, wrong IV length — the reference's 500 `Invalid padding bytes.`) or `invalid_encoding`
 * (not UTF-8 JSON).
 */
export function openJson(key: Uint8Array, message: string, iv: string): unknown {
  const ivBytes = Buffer.from(iv, 'base64');
  if (ivBytes.length !== ClassicSize.Iv) throw new CryptoError(CryptoErrorCode.DecryptFailed, 'decryption failed');
  const plaintext = aesCbcDecrypt(key, ivBytes, Buffer.from(message, 'base64'));
  try {
    return JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(plaintext));
  } catch {
    throw new CryptoError(CryptoErrorCode.InvalidEncoding, 'the decrypted message is not UTF-8 JSON');
  }
}

/**
 * The post-session integrity tag (README §0, §4): HMAC-SHA256 with `session_key[32:]` over the ASCII of
 * base64(ciphertext) ‖ base64(iv), base64-encoded — the MAC covers neither the path nor the session id.
 */
export function sessionMac(integrityKey: Uint8Array, message: string, iv: string): string {
  return hmacSha256(integrityKey, Buffer.from(message + iv, 'utf8')).toString('base64');
}

/** Checks a received tag in constant time (the reference compares with `==`). */
export function sessionMacMatches(integrityKey: Uint8Array, message: string, iv: string, signature: string): boolean {
  return constantTimeEqual(Buffer.from(sessionMac(integrityKey, message, iv), 'utf8'), Buffer.from(signature, 'utf8'));
}
