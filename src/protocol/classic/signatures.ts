import type {KeyObject} from 'node:crypto';
import {ecdsaVerifyDer, type DerSigner} from '../../crypto/ecdsa-der.js';
import {signedBytes, type PyValue} from './py-repr.js';

/**
 * Signs a dictionary the classic way (sio2425 README §0, §3): ECDSA-P521-SHA256 over the UTF-8 of
 * Python's `str(data)`, DER, returned as standard base64.
 */
export function signData(signer: DerSigner, data: PyValue): string {
  return signer.sign(signedBytes(data)).toString('base64');
}

/**
 * Verifies a classic signature over `str(data)` — `data` exactly as received (its key order is part of the
 * signed text). When the text holds code points newer than Unicode 14, the variant a Python with newer
 * Unicode data would have signed is accepted too. Never throws: a data value Python would print
 * differently, a bad base64 or DER, or a key on another curve is simply invalid.
 */
export function verifyData(publicKey: KeyObject, data: PyValue, signature: string): boolean {
  let bytes: Buffer;
  let current: Buffer;
  try {
    bytes = signedBytes(data);
    current = signedBytes(data, {unicode: 'current'});
  } catch {
    return false;
  }
  const der = Buffer.from(signature, 'base64');
  return ecdsaVerifyDer(publicKey, bytes, der) || (!current.equals(bytes) && ecdsaVerifyDer(publicKey, current, der));
}
