import {fromBase64Url} from '../../src/crypto/bytes.js';
import {exportSpki, importP256PublicKey} from '../../src/crypto/p256.js';
import {ServerError} from '../errors.js';

/**
 * Parses a subject public key sent as unpadded base64url of a DER SubjectPublicKeyInfo (hardened suite
 * property 8): strict base64url, an EC key on named curve P-256 with a valid point, and the canonical
 * encoding (uncompressed point, no trailing bytes). Returns the DER to store; otherwise throws
 * ServerError 400 `invalid_public_key`.
 */
export function parseSubjectPublicKey(text: string): Buffer {
  try {
    const der = fromBase64Url(text);
    const canonical = exportSpki(importP256PublicKey(der));
    if (!canonical.equals(der)) throw new Error('not the canonical SPKI encoding');
    return canonical;
  } catch {
    throw new ServerError(
      400,
      'invalid_public_key',
      'public_key must be the unpadded base64url of the DER SubjectPublicKeyInfo of a P-256 key',
    );
  }
}
