/**
 * P-256 ECDH against Wycheproof.
 *
 * - ecdh_secp256r1_test.json (public key as DER SPKI, private as hex): import with `importP256PublicKey`,
 *   take the raw point with `exportP256Point`, then `ecdhSharedSecret(ecdhKeyPairFromPrivate(d), point)`.
 *   "valid" must give the shared secret; "invalid" must throw a CryptoError (at import or at ECDH).
 *   "acceptable" vectors may do either, but never give a different secret or throw anything else, with one
 *   exception we pin down: explicit curve parameters (flag UnnamedCurve) must be refused (hardened suite
 *   property 8), even where Wycheproof calls them acceptable. What we do with the other acceptable ones:
 *   compressed SPKI points (CompressedPublic) are accepted and give the right secret (exportP256Point
 *   decompresses); BER-ish SPKI encodings (InvalidAsn) that OpenSSL still parses are accepted, the rest
 *   refused.
 * - ecdh_secp256r1_ecpoint_test.json (raw points): `importP256Point` and `ecdhSharedSecret` directly (and
 *   `isValidP256Point` must agree with `importP256Point`). Our
 *   API takes uncompressed points only (v2 wire format), so vectors flagged CompressedPoint must throw a
 *   CryptoError or match; in fact they all throw (checked separately below).
 * - ecdh_secp256r1_pem_test.json: the same vectors with PEM keys, through `importP256PublicKey(pem)` and
 *   `importPrivateKeyPem`.
 *
 * Wycheproof private keys are big-endian integers that may carry a leading 00 byte or be shorter than 32
 * bytes: they are normalised to exactly 32 bytes, which is what `ecdhKeyPairFromPrivate` requires.
 */
import {ecdhKeyPairFromPrivate, ecdhSharedSecret} from '../../../src/crypto/ecdh.js';
import {exportP256Point, importP256Point, importP256PublicKey, isValidP256Point} from '../../../src/crypto/p256.js';
import {importPrivateKeyPem} from '../../../src/crypto/private-keys.js';
import {CryptoError} from '../../../src/crypto/errors.js';
import {
  attempt, checkVectors, describeError, describeWycheproof, groupTitle, hex,
  type WycheproofGroup, type WycheproofTest,
} from '../../helpers/wycheproof.js';

interface EcdhTest extends WycheproofTest {
  readonly public: string;
  readonly private: string;
  readonly shared: string;
}
interface EcdhGroup extends WycheproofGroup<EcdhTest> {
  readonly curve: string;
  readonly encoding: string;
}

/** A Wycheproof private scalar (hex, possibly 00-prefixed or short) as exactly 32 bytes. */
function scalar32(text: string): Buffer {
  let bytes = hex(text);
  while (bytes.length > 32 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > 32) throw new Error(`private key longer than 32 bytes: ${text}`);
  return Buffer.concat([Buffer.alloc(32 - bytes.length), bytes]);
}

/** Outcome of one vector: the secret, or the error thrown on the way. */
type Outcome = {ok: true; value: Buffer} | {ok: false; error: unknown};

/**
 * The verdict on an outcome: valid → must match; invalid → must throw CryptoError; acceptable → either,
 * except that `mustThrow` acceptable vectors must throw too.
 */
function judge(t: EcdhTest, outcome: Outcome, mustThrow = false): string | undefined {
  if (!outcome.ok && !(outcome.error instanceof CryptoError)) return `threw a non-CryptoError: ${describeError(outcome.error)}`;
  if (outcome.ok && outcome.value.toString('hex') !== t.shared) {
    return `wrong shared secret ${outcome.value.toString('hex')} (expected ${t.shared || 'a refusal'})`;
  }
  if (t.result === 'valid' && !outcome.ok) return `refused: ${describeError(outcome.error)}`;
  if ((t.result === 'invalid' || mustThrow) && outcome.ok) return 'accepted (gave the shared secret)';
  return undefined;
}

describeWycheproof<EcdhGroup>('ecdh_secp256r1_test.json', 'ECDH P-256 with SPKI public keys', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group), group] as const);
  const run = (t: EcdhTest): Outcome => attempt(() => {
    const point = exportP256Point(importP256PublicKey(hex(t.public)));
    return ecdhSharedSecret(ecdhKeyPairFromPrivate(scalar32(t.private)), point);
  });

  it.each(groups)('%s: valid give the secret, invalid throw CryptoError', (_title, group) => {
    expect(group.curve).toBe('secp256r1');
    const failures = checkVectors(group.tests, (t) => judge(t, run(t), t.flags.includes('UnnamedCurve')));
    expect(failures).toEqual([]);
  });

  it('refuses every explicit-parameter SPKI, even those equal to P-256 (property 8)', () => {
    const explicit = file.testGroups.flatMap((g) => g.tests).filter((t) => t.flags.includes('UnnamedCurve'));
    expect(explicit.length).toBeGreaterThan(0);
    const failures = checkVectors(explicit, (t) => {
      const outcome = attempt(() => importP256PublicKey(hex(t.public)));
      if (outcome.ok) return 'importP256PublicKey accepted explicit parameters';
      return outcome.error instanceof CryptoError ? undefined : `threw ${describeError(outcome.error)}`;
    });
    expect(failures).toEqual([]);
  });

  it('compressed SPKI points are accepted and exported uncompressed (acceptable in Wycheproof)', () => {
    const compressed = file.testGroups.flatMap((g) => g.tests).filter((t) => t.flags.includes('CompressedPublic'));
    expect(compressed.length).toBeGreaterThan(0);
    const failures = checkVectors(compressed, (t) => {
      const point = exportP256Point(importP256PublicKey(hex(t.public)));
      if (point.length !== 65 || point[0] !== 0x04) return `exported point ${point.toString('hex')} is not uncompressed`;
      return judge(t, attempt(() => ecdhSharedSecret(ecdhKeyPairFromPrivate(scalar32(t.private)), point)));
    });
    expect(failures).toEqual([]);
  });
});

describeWycheproof<EcdhGroup>('ecdh_secp256r1_ecpoint_test.json', 'ECDH P-256 with raw points', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group), group] as const);
  const compressed = (t: EcdhTest): boolean => t.flags.some((flag) => /Compressed/.test(flag));

  it.each(groups)('%s: importP256Point and ecdhSharedSecret agree with the vectors', (_title, group) => {
    expect(group.encoding).toBe('ecpoint');
    const failures = checkVectors(group.tests, (t) => {
      const point = hex(t.public);
      const own = ecdhKeyPairFromPrivate(scalar32(t.private));
      // Compressed points: "must throw or match" (our API wants uncompressed points only).
      const direct = judge(t, attempt(() => ecdhSharedSecret(own, point)));
      if (direct !== undefined) return `ecdhSharedSecret: ${direct}`;
      const viaImport = judge(t, attempt(() => ecdhSharedSecret(own, exportP256Point(importP256Point(point)))));
      if (viaImport !== undefined) return `importP256Point: ${viaImport}`;
      // The cheap pre-check agrees with the import.
      const imported = attempt(() => importP256Point(point)).ok;
      return isValidP256Point(point) === imported ? undefined : `isValidP256Point says ${!imported}, importP256Point ${imported ? 'accepts' : 'refuses'}`;
    });
    expect(failures).toEqual([]);
  });

  it('every compressed point is refused with CryptoError invalid_point (v2 requires uncompressed points)', () => {
    const vectors = file.testGroups.flatMap((g) => g.tests).filter(compressed);
    expect(vectors.length).toBeGreaterThan(0);
    const failures = checkVectors(vectors, (t) => {
      const own = ecdhKeyPairFromPrivate(scalar32(t.private));
      for (const fn of [(): unknown => importP256Point(hex(t.public)), (): unknown => ecdhSharedSecret(own, hex(t.public))]) {
        const outcome = attempt(fn);
        if (outcome.ok) return 'accepted';
        if (!(outcome.error instanceof CryptoError) || outcome.error.code !== 'invalid_point') return `threw ${describeError(outcome.error)}`;
      }
      return undefined;
    });
    expect(failures).toEqual([]);
  });
});

describeWycheproof<EcdhGroup>('ecdh_secp256r1_pem_test.json', 'ECDH P-256 with PEM keys', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group), group] as const);
  const privateCache = new Map<string, Buffer>();
  const privateScalar = (pem: string): Buffer => {
    let d = privateCache.get(pem);
    if (d === undefined) {
      d = Buffer.from(importPrivateKeyPem(pem).export({format: 'jwk'}).d ?? '', 'base64url');
      privateCache.set(pem, d);
    }
    return d;
  };

  it.each(groups)('%s: importP256PublicKey(PEM) + importPrivateKeyPem agree with the vectors', (_title, group) => {
    const failures = checkVectors(group.tests, (t) => judge(t, attempt(() => {
      const point = exportP256Point(importP256PublicKey(t.public));
      return ecdhSharedSecret(ecdhKeyPairFromPrivate(privateScalar(t.private)), point);
    }), t.flags.includes('UnnamedCurve')));
    expect(failures).toEqual([]);
  });
});

describe('ecdhKeyPairFromPrivate', () => {
  const n = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
  it.each([
    ['zero', '00'.repeat(32)],
    ['n', n],
    ['n + 1', 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552'],
    ['all ones', 'ff'.repeat(32)],
    ['31 bytes', '11'.repeat(31)],
    ['33 bytes with a leading zero', `00${'11'.repeat(32)}`],
    ['empty', ''],
  ])('refuses %s with invalid_key', (_name, scalar) => {
    expect(() => ecdhKeyPairFromPrivate(hex(scalar))).toThrow(expect.objectContaining({name: 'CryptoError', code: 'invalid_key'}));
  });

  it('accepts 1 and n - 1', () => {
    const one = ecdhKeyPairFromPrivate(scalar32('01'));
    expect(one.publicKey.toString('hex')).toBe(
      '046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
    );
    expect(ecdhKeyPairFromPrivate(scalar32('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550')).publicKey).toHaveLength(65);
  });
});
