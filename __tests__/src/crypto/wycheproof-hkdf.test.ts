/**
 * HKDF-SHA256 against Wycheproof: the one-call hkdf() (node:crypto hkdfSync) and our own hkdfExtract +
 * hkdfExpand must both give okm. Vectors whose size exceeds 255·32 = 8160 bytes are invalid and must throw
 * with a RangeError from both entry points. (hkdf() checks the length itself: node's own
 * ERR_CRYPTO_INVALID_KEYLEN is a RangeError of the main realm, which is not `instanceof RangeError` inside
 * jest's vm context.)
 */
import {hkdf, hkdfExpand, hkdfExtract} from '../../../src/crypto/hkdf.js';
import {hmacSha256} from '../../../src/crypto/hash.js';
import {
  attempt, checkVectors, describeError, describeWycheproof, groupTitle, hex,
  type WycheproofGroup, type WycheproofTest,
} from '../../helpers/wycheproof.js';

interface HkdfTest extends WycheproofTest {
  readonly ikm: string;
  readonly salt: string;
  readonly info: string;
  readonly size: number;
  readonly okm: string;
}
interface HkdfGroup extends WycheproofGroup<HkdfTest> {
  readonly keySize: number;
}

describeWycheproof<HkdfGroup>('hkdf_sha256_test.json', 'HKDF-SHA256', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group, `ikm ${group.keySize} bits`), group] as const);

  it.each(groups)('%s: hkdf() and extract+expand agree with the vectors', (_title, group) => {
    const failures = checkVectors(group.tests, (t) => {
      const [ikm, salt, info] = [t.ikm, t.salt, t.info].map(hex);
      const oneCall = attempt(() => hkdf(ikm, salt, info, t.size));
      const twoStep = attempt(() => hkdfExpand(hkdfExtract(salt, ikm), info, t.size));
      if (t.result === 'invalid') {
        if (t.size <= 255 * 32) return 'unexpected invalid vector with a legal size';
        if (oneCall.ok) return 'hkdf() gave output for an oversize request';
        if (twoStep.ok) return 'hkdfExpand gave output for an oversize request';
        if (!(twoStep.error instanceof RangeError)) return `hkdfExpand threw ${describeError(twoStep.error)}`;
        if (!(oneCall.error instanceof RangeError)) return `hkdf threw ${describeError(oneCall.error)}`;
        return undefined;
      }
      if (!oneCall.ok) return `hkdf() threw ${describeError(oneCall.error)}`;
      if (!twoStep.ok) return `extract+expand threw ${describeError(twoStep.error)}`;
      if (oneCall.value.toString('hex') !== t.okm) return `hkdf() gave ${oneCall.value.toString('hex')}`;
      if (twoStep.value.toString('hex') !== t.okm) return `extract+expand gave ${twoStep.value.toString('hex')}`;
      return undefined;
    });
    expect(failures).toEqual([]);
  });
});

describe('HKDF edge cases', () => {
  const prk = hkdfExtract(Buffer.alloc(0), Buffer.from('input keying material'));
  it('empty salt means 32 zero bytes (RFC 5869 §2.2)', () => {
    expect(prk.equals(hmacSha256(Buffer.alloc(32), Buffer.from('input keying material')))).toBe(true);
  });
  it('expand to 0 and to 8160 bytes works; 8161 and negative lengths throw RangeError', () => {
    expect(hkdfExpand(prk, Buffer.alloc(0), 0)).toHaveLength(0);
    expect(hkdfExpand(prk, Buffer.alloc(0), 8160)).toHaveLength(8160);
    expect(() => hkdfExpand(prk, Buffer.alloc(0), 8161)).toThrow(RangeError);
    expect(() => hkdfExpand(prk, Buffer.alloc(0), -1)).toThrow(RangeError);
    expect(() => hkdfExpand(prk, Buffer.alloc(0), 1.5)).toThrow(RangeError);
    expect(hkdf(Buffer.from('k'), Buffer.alloc(0), Buffer.alloc(0), 0)).toHaveLength(0);
    expect(() => hkdf(Buffer.from('k'), Buffer.alloc(0), Buffer.alloc(0), 8161)).toThrow(RangeError);
    expect(() => hkdf(Buffer.from('k'), Buffer.alloc(0), Buffer.alloc(0), -1)).toThrow(RangeError);
  });
  it('a shorter output is a prefix of a longer one', () => {
    const long = hkdfExpand(prk, Buffer.from('info'), 100);
    expect(hkdfExpand(prk, Buffer.from('info'), 33).equals(long.subarray(0, 33))).toBe(true);
  });
});
