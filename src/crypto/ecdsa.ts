import {createPublicKey, sign, verify, type KeyObject} from 'node:crypto';
import {p256} from '@noble/curves/p256';
import {P256_ORDER} from './p256.js';
import {sha256} from './hash.js';
import {CryptoError, CryptoErrorCode} from './errors.js';

/** Signature encodings: raw r‖s (IEEE P1363, 64 bytes for P-256, used by v2) or ASN.1 DER. */
export type SignatureEncoding = 'p1363' | 'der';

const HALF_ORDER = P256_ORDER >> 1n;

/** A P-256 ECDSA-SHA256 signing key; `sign` returns a low-S P1363 signature. */
export interface Signer {
  readonly publicKey: KeyObject;
  sign(message: Uint8Array): Buffer;
}

/**
 * ECDSA-SHA256 signature with node:crypto; the result is normalised to low S (s ≤ n/2) in both encodings so
 * that each message has one valid v2 signature encoding (hardened suite W7). The key must be a P-256 key
 * (anything else throws {@link CryptoError} `wrong_curve` rather than giving a mangled signature).
 */
export function ecdsaSign(privateKey: KeyObject, message: Uint8Array, encoding: SignatureEncoding = 'p1363'): Buffer {
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new CryptoError(CryptoErrorCode.WrongCurve, 'ECDSA signing key is not a P-256 key');
  }
  const signature = toLowS(sign('sha256', message, {key: privateKey, dsaEncoding: 'ieee-p1363'}));
  return encoding === 'der' ? p1363ToDer(signature) : signature;
}

/**
 * Verifies an ECDSA-SHA256 signature. With `requireLowS` (default for P1363, the v2 encoding), a signature
 * whose S is in the high half is refused even though it is mathematically valid; this applies to both
 * encodings. DER must be strict DER (OpenSSL refuses BER variants). Never throws on malformed signatures.
 */
export function ecdsaVerify(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
  encoding: SignatureEncoding = 'p1363',
  requireLowS = encoding === 'p1363',
): boolean {
  if (encoding === 'p1363' && signature.length !== 64) return false;
  if (requireLowS) {
    const s = encoding === 'p1363' ? toBigInt(signature.subarray(32)) : derSignatureS(signature);
    if (s === undefined || s > HALF_ORDER) return false;
  }
  try {
    return verify('sha256', message, {key: publicKey, dsaEncoding: encoding === 'der' ? 'der' : 'ieee-p1363'}, signature);
  } catch {
    return false;
  }
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toLowS(signature: Buffer): Buffer {
  const s = toBigInt(signature.subarray(32));
  if (s <= HALF_ORDER) return signature;
  const low = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, 32), low]);
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }` of a 64-byte P1363 signature (minimal positive integers). */
function p1363ToDer(signature: Buffer): Buffer {
  const integer = (value: Buffer): Buffer => {
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    const body = value[i] >= 0x80 ? Buffer.concat([Buffer.of(0), value.subarray(i)]) : value.subarray(i);
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const content = Buffer.concat([integer(signature.subarray(0, 32)), integer(signature.subarray(32))]);
  return Buffer.concat([Buffer.of(0x30, content.length), content]);
}

/**
 * S of a strict-DER P-256 ECDSA signature (short-form lengths, minimal non-negative integers, nothing
 * trailing), or undefined when the bytes are not such a signature.
 */
function derSignatureS(der: Uint8Array): bigint | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[1] >= 0x80) return undefined;
  let offset = 2;
  const values: bigint[] = [];
  for (let k = 0; k < 2; k++) {
    if (offset + 2 > der.length || der[offset] !== 0x02) return undefined;
    const length = der[offset + 1];
    const start = offset + 2;
    if (length === 0 || length > 33 || start + length > der.length) return undefined;
    if (der[start] >= 0x80) return undefined; // negative
    if (length > 1 && der[start] === 0 && der[start + 1] < 0x80) return undefined; // non-minimal
    values.push(toBigInt(der.subarray(start, start + length)));
    offset = start + length;
  }
  return offset === der.length ? values[1] : undefined;
}

/** A signer over node:crypto (random nonce per signature). */
export function nodeSigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  return {publicKey, sign: (message) => ecdsaSign(privateKey, message)};
}

/**
 * A deterministic signer (RFC 6979 nonces, via @noble/curves) for seeded runs: the same key and message
 * always give the same bytes, so a `--seed` walkthrough is reproducible. Slower than {@link nodeSigner}.
 */
export function deterministicSigner(privateKey: KeyObject): Signer {
  const jwk = privateKey.export({format: 'jwk'});
  const scalar = Buffer.from(jwk.d ?? '', 'base64url');
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    sign: (message) => Buffer.from(p256.sign(sha256(message), scalar, {lowS: true}).toCompactRawBytes()),
  };
}
