import {hkdf, hkdfExpand, hkdfExtract} from '../../../src/crypto/hkdf.js';

// RFC 5869, Appendix A.1 (test case 1, SHA-256).
const ikm = Buffer.from('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', 'hex');
const salt = Buffer.from('000102030405060708090a0b0c', 'hex');
const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
const prk = '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5';
const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';

describe('HKDF-SHA256, RFC 5869 test case 1', () => {
  it('extract gives the PRK', () => {
    expect(hkdfExtract(salt, ikm).toString('hex')).toBe(prk);
  });
  it('expand gives the 42-byte OKM', () => {
    expect(hkdfExpand(Buffer.from(prk, 'hex'), info, 42).toString('hex')).toBe(okm);
  });
  it('node:crypto one-call HKDF agrees', () => {
    expect(hkdf(ikm, salt, info, 42).toString('hex')).toBe(okm);
  });
});
