import {createCipheriv, createDecipheriv} from 'node:crypto';
import {CryptoError, CryptoErrorCode} from './errors.js';

/** AES-256-GCM output: ciphertext and the 16-byte authentication tag, kept apart on the v2 wire. */
export interface Sealed {
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** AES-256-GCM encryption (property 4) with a 12-byte IV and associated data. */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {ciphertext, tag: cipher.getAuthTag()};
}

/**
 * AES-256-GCM decryption; any failure (wrong key, IV, tag, associated data, tag length) throws one
 * {@link CryptoError} `decrypt_failed` with no detail (no oracle).
 */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer {
  try {
    if (sealed.tag.length !== 16) throw new Error('tag length');
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
