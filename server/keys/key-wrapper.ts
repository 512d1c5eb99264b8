import {randomBytes} from 'node:crypto';
import type {KeyWrapper} from '../context.js';
import {aesGcmDecrypt, aesGcmEncrypt} from '../../src/crypto/aead.js';
import {utf8} from '../../src/crypto/bytes.js';
import {CryptoError, CryptoErrorCode} from '../../src/crypto/errors.js';
import {hkdf} from '../../src/crypto/hkdf.js';
import {MASTER_KEY_LENGTH} from './master-key.js';

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** Derives the wrapping key from the master key (a distinct HKDF label from the repository-key passphrase). */
export function deriveWrappingKey(masterKey: Uint8Array): Buffer {
  return hkdf(masterKey, Buffer.alloc(0), utf8('rep session key wrapping'), 32);
}

/**
 * AES-256-GCM wrapping of secrets at rest under a key derived from the master key. Output is
 * iv (12 random bytes) ‖ tag (16) ‖ ciphertext; `associatedData` (e.g. the session id) binds a wrapped
 * value to its row. IVs always come from the OS CSPRNG, never from an injected (possibly seeded) rng,
 * so that a reproducible run cannot repeat an IV under the same key. `unwrap` throws
 * CryptoError `decrypt_failed` on any mismatch.
 */
export function createKeyWrapper(masterKey: Uint8Array): KeyWrapper {
  if (masterKey.length !== MASTER_KEY_LENGTH) throw new RangeError(`master key must be ${MASTER_KEY_LENGTH} bytes`);
  const key = deriveWrappingKey(masterKey);
  return {
    wrap(plaintext, associatedData) {
      const iv = randomBytes(IV_LENGTH);
      const sealed = aesGcmEncrypt(key, iv, plaintext, associatedData);
      return Buffer.concat([iv, sealed.tag, sealed.ciphertext]);
    },
    unwrap(wrapped, associatedData) {
      if (wrapped.length < IV_LENGTH + TAG_LENGTH) {
        throw new CryptoError(CryptoErrorCode.DecryptFailed, 'decryption failed');
      }
      const iv = wrapped.subarray(0, IV_LENGTH);
      const tag = wrapped.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH);
      const ciphertext = wrapped.subarray(IV_LENGTH + TAG_LENGTH);
      return aesGcmDecrypt(key, iv, {ciphertext, tag}, associatedData);
    },
  };
}
