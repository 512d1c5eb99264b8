import {randomBytes} from 'node:crypto';
import {constantTimeEqual, fromBase64Url, toBase64Url, u64be, utf8} from '../../../src/crypto/bytes.js';

const invalidEncoding = expect.objectContaining({name: 'CryptoError', code: 'invalid_encoding'});

describe('base64url', () => {
  it('round-trips every length from 0 to 64 bytes, unpadded and URL-safe', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = randomBytes(length);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text).equals(bytes)).toBe(true);
      expect(fromBase64Url(text, length).equals(bytes)).toBe(true);
    }
  });

  it('encodes known values (RFC 4648 test vectors, unpadded, URL alphabet)', () => {
    const cases: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of cases) {
      expect(toBase64Url(utf8(plain))).toBe(encoded);
      expect(fromBase64Url(encoded).toString('utf8')).toBe(plain);
    }
    expect(toBase64Url(Buffer.from([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('-_8').equals(Buffer.from([0xfb, 0xff]))).toBe(true);
  });

  it('encodes only the bytes of a view, not its whole backing buffer', () => {
    const backing = Buffer.from('0123456789');
    expect(toBase64Url(backing.subarray(2, 5))).toBe(toBase64Url(Buffer.from('234')));
    expect(toBase64Url(new Uint8Array(backing.buffer, backing.byteOffset + 2, 3))).toBe(toBase64Url(Buffer.from('234')));
  });

  it.each([
    ['padding', 'Zg=='],
    ['single padding', 'Zm8='],
    ['standard alphabet +', '+_8'],
    ['standard alphabet /', '-/8'],
    ['whitespace', 'Zm9v Yg'],
    ['a newline', 'Zm9v\nYg'],
    ['a dot', 'Zm9v.Yg'],
    ['non-canonical trailing bits (1 byte)', 'Zh'],
    ['non-canonical trailing bits (2 bytes)', 'Zm9'],
    ['an impossible length (4k+1)', 'Zm9vY'],
    ['a single character', 'A'],
    ['non-ASCII', 'Zm9vé'],
  ])('refuses %s', (_name, text) => {
    expect(() => fromBase64Url(text)).toThrow(invalidEncoding);
  });

  it('refuses a non-string', () => {
    expect(() => fromBase64Url(undefined as unknown as string)).toThrow(invalidEncoding);
    expect(() => fromBase64Url(42 as unknown as string)).toThrow(invalidEncoding);
  });

  it('enforces the expected length when one is given', () => {
    const text = toBase64Url(Buffer.alloc(32, 1));
    expect(fromBase64Url(text, 32)).toHaveLength(32);
    expect(() => fromBase64Url(text, 31)).toThrow(invalidEncoding);
    expect(() => fromBase64Url(text, 33)).toThrow(invalidEncoding);
    expect(() => fromBase64Url('', 1)).toThrow(invalidEncoding);
    expect(fromBase64Url('', 0)).toHaveLength(0);
  });
});

describe('u64be', () => {
  it.each([
    [0, '0000000000000000'],
    [1, '0000000000000001'],
    [0x1_0000_0000, '0000000100000000'],
    [1_700_000_000_000, '0000018bcfe56800'],
    [Number.MAX_SAFE_INTEGER, '001fffffffffffff'],
  ])('%d → %s', (value, expected) => {
    expect(u64be(value).toString('hex')).toBe(expected);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, -0.5])('refuses %d with RangeError', (value) => {
    expect(() => u64be(value)).toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal bytes, false for any difference, including length (without throwing)', () => {
    const a = Buffer.from('0123456789abcdef');
    expect(constantTimeEqual(a, Buffer.from(a))).toBe(true);
    expect(constantTimeEqual(new Uint8Array(a), a)).toBe(true);
    expect(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
    for (let i = 0; i < a.length; i++) {
      const b = Buffer.from(a);
      b[i] ^= 0x80;
      expect(constantTimeEqual(a, b)).toBe(false);
    }
    expect(constantTimeEqual(a, a.subarray(1))).toBe(false);
    expect(constantTimeEqual(a, Buffer.concat([a, Buffer.of(0)]))).toBe(false);
    expect(constantTimeEqual(Buffer.alloc(0), Buffer.of(0))).toBe(false);
  });
});

describe('utf8', () => {
  it('gives the UTF-8 bytes', () => {
    expect(utf8('é€').toString('hex')).toBe('c3a9e282ac');
    expect(utf8('')).toHaveLength(0);
  });
});
