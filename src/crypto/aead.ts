import {createCipheriv, createDecipheriv} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';

/** AES-256-GCM output: ciphertext and the 16-byte authentication tag, kept apart on the v2 wire. */
export interface Sealed {
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** Key and IV sizes of the v2 AEAD. Other IV lengths are legal GCM but go through GHASH; v2 never uses them. */
const GCM_KEY_LENGTH = 32;
const GCM_IV_LENGTH = 12;

/**
 * AES-256-GCM encryption (property 4) with a 12-byte IV and associated data. A key that is not 32 bytes or
 * an IV that is not 12 bytes is a programming error: RangeError.
 */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  if (key.length !== GCM_KEY_LENGTH) throw new RangeError(`AES-256-GCM key must be ${GCM_KEY_LENGTH} bytes, got ${key.length}`);
  if (iv.length !== GCM_IV_LENGTH) throw new RangeError(`AES-256-GCM IV must be ${GCM_IV_LENGTH} bytes, got ${iv.length}`);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {ciphertext, tag: cipher.getAuthTag()};
}

/**
 * AES-256-GCM decryption; any failure (wrong key, IV, tag, associated data, key/IV/tag length) throws one
 * {@link CryptoError} `decrypt_failed` with no detail (no oracle).
 */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer {
  try {
    if (key.length !== GCM_KEY_LENGTH || iv.length !== GCM_IV_LENGTH || sealed.tag.length !== 16) throw new Error('length');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, {authTagLength: 16});
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new CryptoError(CryptoErrorCode.DecryptFailed, 'decryption failed');
  }
}

/** AES-CBC with PKCS#7 padding (classic suite; key length selects AES-128/192/256). */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** AES-CBC decryption with PKCS#7 unpadding; a bad padding or length throws `decrypt_failed`. */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CryptoError(CryptoErrorCode.DecryptFailed, 'decryption failed');
  }
}
