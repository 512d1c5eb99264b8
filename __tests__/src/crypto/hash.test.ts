import {createHash, createHmac} from 'node:crypto';
import {hmacSha256, sha256} from '../../../src/crypto/hash.js';

describe('sha256', () => {
  it('is SHA-256 of the concatenation of its parts, whatever their number, sizes and views', () => {
    const big = Buffer.alloc(5000, 7);
    const backing = Buffer.from('0123456789abcdef');
    const parts: Uint8Array[][] = [
      [],
      [Buffer.alloc(0)],
      [Buffer.from('abc')],
      [Buffer.from('a'), Buffer.alloc(0), Buffer.from('bc')],
      [backing.subarray(3, 9), new Uint8Array(backing.buffer, backing.byteOffset + 1, 4)],
      [big, Buffer.from('tail')],
    ];
    for (const p of parts) {
      const expected = createHash('sha256').update(Buffer.concat(p)).digest();
      const actual = sha256(...p);
      expect(Buffer.isBuffer(actual)).toBe(true);
      expect(actual.toString('hex')).toBe(expected.toString('hex'));
    }
    expect(sha256(Buffer.from('abc')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('returns a buffer of its own (no shared pool memory to clobber)', () => {
    const a = sha256(Buffer.from('a'));
    const b = sha256(Buffer.from('b'));
    a.fill(0);
    expect(b.toString('hex')).toBe(createHash('sha256').update('b').digest('hex'));
  });
});

describe('hmacSha256', () => {
  it('is HMAC-SHA256 of the concatenation of its parts', () => {
    const key = Buffer.alloc(32, 9);
    expect(hmacSha256(key, Buffer.from('a'), Buffer.from('bc')).equals(createHmac('sha256', key).update('abc').digest())).toBe(true);
  });
});
