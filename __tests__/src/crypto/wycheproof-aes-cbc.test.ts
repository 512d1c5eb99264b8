/**
 * AES-CBC with PKCS#7 padding against Wycheproof, for every key size aesCbcEncrypt/aesCbcDecrypt support
 * (128, 192, 256). A valid vector must encrypt to ct and decrypt to msg; an invalid one (bad or missing
 * padding) must make aesCbcDecrypt throw CryptoError `decrypt_failed`, and all such failures must look
 * the same (one error code and message: no padding oracle at this layer).
 */
import {aesCbcDecrypt, aesCbcEncrypt} from '../../../src/crypto/aead.js';
import {CryptoError} from '../../../src/crypto/errors.js';
import {
  attempt, checkVectors, describeError, describeWycheproof, groupTitle, hex,
  type WycheproofGroup, type WycheproofTest,
} from '../../helpers/wycheproof.js';

interface IndCpaTest extends WycheproofTest {
  readonly key: string;
  readonly iv: string;
  readonly msg: string;
  readonly ct: string;
}
interface IndCpaGroup extends WycheproofGroup<IndCpaTest> {
  readonly keySize: number;
  readonly ivSize: number;
}

describeWycheproof<IndCpaGroup>('aes_cbc_pkcs5_test.json', 'AES-CBC-PKCS5', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group, `AES-${group.keySize}`), group] as const);
  const messages = new Set<string>();

  it.each(groups)('%s: valid round-trip, invalid padding gives decrypt_failed', (_title, group) => {
    expect([128, 192, 256]).toContain(group.keySize);
    expect(group.ivSize).toBe(128);
    const failures = checkVectors(group.tests, (t) => {
      const [key, iv, msg, ct] = [t.key, t.iv, t.msg, t.ct].map(hex);
      const opened = attempt(() => aesCbcDecrypt(key, iv, ct));
      if (t.result === 'invalid') {
        if (opened.ok) return `decrypted to ${opened.value.toString('hex')}`;
        if (!(opened.error instanceof CryptoError) || opened.error.code !== 'decrypt_failed') return `threw ${describeError(opened.error)}`;
        messages.add(opened.error.message);
        return undefined;
      }
      const encrypted = aesCbcEncrypt(key, iv, msg);
      if (!encrypted.equals(ct)) return `ciphertext ${encrypted.toString('hex')}`;
      if (!opened.ok) return `decryption failed: ${describeError(opened.error)}`;
      return opened.value.equals(msg) ? undefined : `decrypted to ${opened.value.toString('hex')}`;
    });
    expect(failures).toEqual([]);
  });

  it('every decryption failure carries the same message', () => {
    expect(messages.size).toBeLessThanOrEqual(1);
  });
});

describe('AES-CBC input sizes', () => {
  const key = Buffer.alloc(32, 7);
  const iv = Buffer.alloc(16, 9);
  it('a ciphertext that is not a whole number of blocks, or empty, gives decrypt_failed', () => {
    const ct = aesCbcEncrypt(key, iv, Buffer.from('hello'));
    for (const bad of [ct.subarray(0, 15), Buffer.concat([ct, Buffer.of(0)]), Buffer.alloc(0)]) {
      expect(() => aesCbcDecrypt(key, iv, bad)).toThrow(expect.objectContaining({name: 'CryptoError', code: 'decrypt_failed'}));
    }
  });
  it('a key of an unsupported length is refused', () => {
    expect(() => aesCbcEncrypt(Buffer.alloc(20), iv, Buffer.alloc(1))).toThrow();
    expect(() => aesCbcDecrypt(Buffer.alloc(20), iv, Buffer.alloc(16))).toThrow(expect.objectContaining({code: 'decrypt_failed'}));
  });
});
