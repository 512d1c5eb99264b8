import {ECDH, createECDH, createHash, createPublicKey, createSecretKey, generateKeyPairSync} from 'node:crypto';
import {p256} from '@noble/curves/p256';
import {
  P256_ORDER, P256_POINT_LENGTH, exportP256Point, exportPublicKeyPem, exportSpki, fingerprint,
  importP256Point, importP256PublicKey, isValidP256Point, requireP256,
} from '../../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../../src/crypto/private-keys.js';

const SPKI_PREFIX = '3059301306072a8648ce3d020106082a8648ce3d030107034200';
const SPKI_COMPRESSED_PREFIX = '3039301306072a8648ce3d020106082a8648ce3d030107032200';
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const G = '046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5';

const code = (c: string) => expect.objectContaining({name: 'CryptoError', code: c});
const {privateKey, publicKey} = generateP256KeyPair();
const point = Buffer.from(publicKey.export({format: 'jwk'}).x ?? '', 'base64url');
const uncompressed = Buffer.concat([Buffer.of(4), point, Buffer.from(publicKey.export({format: 'jwk'}).y ?? '', 'base64url')]);
const compressed = ECDH.convertKey(uncompressed, 'prime256v1', undefined, undefined, 'compressed') as Buffer;
const hybrid = ECDH.convertKey(uncompressed, 'prime256v1', undefined, undefined, 'hybrid') as Buffer;

describe('P-256 constants', () => {
  it('P256_ORDER is the group order n and points are 65 bytes', () => {
    expect(P256_ORDER).toBe(p256.CURVE.n);
    expect(P256_POINT_LENGTH).toBe(65);
  });
});

describe('importP256Point', () => {
  it('imports an uncompressed point; exportP256Point gives it back', () => {
    const key = importP256Point(uncompressed);
    expect(key.equals(publicKey)).toBe(true);
    expect(exportP256Point(key).equals(uncompressed)).toBe(true);
    expect(importP256Point(Buffer.from(G, 'hex')).type).toBe('public');
  });

  const offCurve = Buffer.from(uncompressed);
  offCurve[64] ^= 1;
  const xTooBig = Buffer.concat([Buffer.of(4), Buffer.from((P + 1n).toString(16), 'hex'), uncompressed.subarray(33)]);
  it.each([
    ['empty', Buffer.alloc(0)],
    ['the point at infinity (single 00)', Buffer.of(0)],
    ['65 zero bytes', Buffer.alloc(65)],
    ['compressed', compressed],
    ['hybrid (06/07 prefix)', hybrid],
    ['64 bytes (no prefix)', uncompressed.subarray(1)],
    ['66 bytes', Buffer.concat([uncompressed, Buffer.of(0)])],
    ['an off-curve point', offCurve],
    ['x ≥ p', xTooBig],
    ['(0, 0)', Buffer.concat([Buffer.of(4), Buffer.alloc(64)])],
  ])('refuses %s with invalid_point (and isValidP256Point says false)', (_name, bytes) => {
    expect(() => importP256Point(bytes)).toThrow(code('invalid_point'));
    expect(isValidP256Point(bytes)).toBe(false);
  });

  it('isValidP256Point accepts valid uncompressed points', () => {
    expect(isValidP256Point(uncompressed)).toBe(true);
    expect(isValidP256Point(Buffer.from(G, 'hex'))).toBe(true);
  });

  // isValidP256Point is plain arithmetic (y² = x³ − 3x + b mod p, x and y < p): it must answer exactly as
  // OpenSSL does when it decodes the point.
  const openssl = (bytes: Uint8Array): boolean => {
    if (bytes.length !== 65 || bytes[0] !== 4) return false;
    try {
      ECDH.convertKey(Buffer.from(bytes), 'prime256v1', undefined, undefined, 'compressed');
      return true;
    } catch {
      return false;
    }
  };

  it('isValidP256Point agrees with OpenSSL on valid points, their negations and every single-bit flip', () => {
    const cases: Buffer[] = [];
    for (let i = 0; i < 20; i++) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const valid = ecdh.getPublicKey();
      const y = BigInt(`0x${valid.subarray(33).toString('hex')}`);
      cases.push(valid, Buffer.concat([valid.subarray(0, 33), Buffer.from((P - y).toString(16).padStart(64, '0'), 'hex')]));
      for (let bit = 0; bit < 8 * 65; bit += i + 1) {
        const flipped = Buffer.from(valid);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        cases.push(flipped);
      }
    }
    const disagreements = cases.filter((c) => isValidP256Point(c) !== openssl(c)).map((c) => c.toString('hex'));
    expect(disagreements).toEqual([]);
    expect(cases.filter((c) => isValidP256Point(c)).length).toBeGreaterThanOrEqual(40);
  });

  it('isValidP256Point refuses x + p for a point with a small x (on the curve only modulo p), like OpenSSL', () => {
    const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
    const pow = (base: bigint, exp: bigint): bigint => {
      let result = 1n;
      for (let b = base % P, e = exp; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) result = (result * b) % P;
      return result;
    };
    const hex32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
    let x = 0n;
    let y = 0n;
    for (; ; x++) {
      const rhs = (((x * x - 3n) * x + B) % P + P) % P;
      y = pow(rhs, (P + 1n) / 4n); // p ≡ 3 (mod 4)
      if ((y * y) % P === rhs) break;
    }
    const onCurve = Buffer.concat([Buffer.of(4), hex32(x), hex32(y)]);
    const aliased = Buffer.concat([Buffer.of(4), hex32(x + P), hex32(y)]);
    expect([openssl(onCurve), isValidP256Point(onCurve)]).toEqual([true, true]);
    expect([openssl(aliased), isValidP256Point(aliased)]).toEqual([false, false]);
  });

  it('isValidP256Point reads a point inside a larger buffer', () => {
    const backing = Buffer.concat([Buffer.from('garbage'), uncompressed, Buffer.from('more')]);
    expect(isValidP256Point(backing.subarray(7, 72))).toBe(true);
    expect(isValidP256Point(new Uint8Array(backing.buffer, backing.byteOffset + 7, 65))).toBe(true);
  });
});

describe('importP256PublicKey', () => {
  const der = publicKey.export({type: 'spki', format: 'der'});
  const pem = publicKey.export({type: 'spki', format: 'pem'}).toString();

  it('imports DER and PEM SPKI', () => {
    expect(importP256PublicKey(der).equals(publicKey)).toBe(true);
    expect(importP256PublicKey(new Uint8Array(der)).equals(publicKey)).toBe(true);
    expect(importP256PublicKey(pem).equals(publicKey)).toBe(true);
  });

  it('accepts a compressed-point SPKI, but exports it uncompressed with the same fingerprint', () => {
    const key = importP256PublicKey(Buffer.concat([Buffer.from(SPKI_COMPRESSED_PREFIX, 'hex'), compressed]));
    expect(exportP256Point(key).equals(uncompressed)).toBe(true);
    expect(exportSpki(key).equals(der)).toBe(true);
    expect(fingerprint(key)).toBe(fingerprint(publicKey));
    expect(exportPublicKeyPem(key)).toBe(pem);
  });

  it('refuses explicit curve parameters, also when they are exactly P-256 (property 8)', () => {
    const explicit = generateKeyPairSync('ec', {namedCurve: 'P-256', paramEncoding: 'explicit'});
    // node reports the curve as prime256v1 for these: only the encoding gives them away.
    expect(explicit.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(() => importP256PublicKey(explicit.publicKey.export({type: 'spki', format: 'der'}))).toThrow(code('wrong_curve'));
    expect(() => importP256PublicKey(explicit.publicKey.export({type: 'spki', format: 'pem'}).toString())).toThrow(code('wrong_curve'));
    expect(() => requireP256(explicit.privateKey)).toThrow(code('wrong_curve'));
    expect(() => exportP256Point(explicit.publicKey)).toThrow(code('wrong_curve'));
  });

  it('refuses other curves with wrong_curve and non-EC keys with not_ec', () => {
    for (const namedCurve of ['P-384', 'P-521', 'secp256k1']) {
      const other = generateKeyPairSync('ec', {namedCurve}).publicKey;
      expect(() => importP256PublicKey(other.export({type: 'spki', format: 'der'}))).toThrow(code('wrong_curve'));
      expect(() => exportP256Point(other)).toThrow(code('wrong_curve'));
    }
    const ed = generateKeyPairSync('ed25519').publicKey;
    expect(() => importP256PublicKey(ed.export({type: 'spki', format: 'pem'}).toString())).toThrow(code('not_ec'));
    expect(() => requireP256(createSecretKey(Buffer.alloc(32)))).toThrow(code('not_ec'));
  });

  it.each([
    ['garbage bytes', Buffer.from('not a key')],
    ['an empty buffer', Buffer.alloc(0)],
    ['a truncated SPKI', der.subarray(0, der.length - 1)],
    ['garbage text', 'not a key'],
    ['a private key PEM', privateKey.export({type: 'pkcs8', format: 'pem'}).toString()],
    ['a raw point', uncompressed],
  ])('refuses %s with invalid_key', (_name, input) => {
    expect(() => importP256PublicKey(input)).toThrow(code('invalid_key'));
  });
});

describe('exports and fingerprint', () => {
  it('exportSpki is the canonical named-curve DER, from the public or the private key', () => {
    const spki = exportSpki(publicKey);
    expect(spki.toString('hex')).toBe(SPKI_PREFIX + uncompressed.toString('hex'));
    expect(exportSpki(privateKey).equals(spki)).toBe(true);
    expect(exportP256Point(privateKey).equals(uncompressed)).toBe(true);
  });

  it('exportPublicKeyPem matches node:crypto and imports back', () => {
    const pem = exportPublicKeyPem(privateKey);
    expect(pem).toBe(publicKey.export({type: 'spki', format: 'pem'}).toString());
    expect(importP256PublicKey(pem).equals(publicKey)).toBe(true);
  });

  it('fingerprint is the SHA-256 of the DER SPKI, in hex', () => {
    const expected = createHash('sha256').update(publicKey.export({type: 'spki', format: 'der'})).digest('hex');
    expect(fingerprint(publicKey)).toBe(expected);
    expect(fingerprint(privateKey)).toBe(expected);
    expect(fingerprint(generateP256KeyPair().publicKey)).not.toBe(expected);
  });

  it('exportSpki of a non-P-256 key is node\'s own DER', () => {
    const rsa = generateKeyPairSync('rsa', {modulusLength: 1024}).publicKey;
    expect(exportSpki(rsa).equals(rsa.export({type: 'spki', format: 'der'}))).toBe(true);
  });

  it('agrees with createECDH on the public point of a scalar', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const key = createPublicKey({key: Buffer.concat([Buffer.from(SPKI_PREFIX, 'hex'), ecdh.getPublicKey()]), format: 'der', type: 'spki'});
    expect(exportP256Point(key).equals(ecdh.getPublicKey())).toBe(true);
  });
});
