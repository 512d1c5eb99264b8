/**
 * AES-256-GCM against Wycheproof. Only the v2 parameter set goes through aesGcmEncrypt/aesGcmDecrypt:
 * 256-bit keys, 96-bit IVs, 128-bit tags. For those groups a valid vector must encrypt to ct ‖ tag and
 * decrypt to msg; an invalid one must make aesGcmDecrypt throw CryptoError `decrypt_failed`. Every other
 * group (AES-128/192, other IV lengths) is out of scope and counted as skipped; our functions are only
 * checked to refuse those parameters (RangeError on encrypt, decrypt_failed on decrypt).
 */
import {aesGcmDecrypt, aesGcmEncrypt} from '../../../src/crypto/aead.js';
import {CryptoError} from '../../../src/crypto/errors.js';
import {
  attempt, checkVectors, describeError, describeWycheproof, groupTitle, hex,
  type WycheproofGroup, type WycheproofTest,
} from '../../helpers/wycheproof.js';

interface AeadTest extends WycheproofTest {
  readonly key: string;
  readonly iv: string;
  readonly aad: string;
  readonly msg: string;
  readonly ct: string;
  readonly tag: string;
}
interface AeadGroup extends WycheproofGroup<AeadTest> {
  readonly keySize: number;
  readonly ivSize: number;
  readonly tagSize: number;
}

const inScope = (g: AeadGroup): boolean => g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128;
const isDecryptFailed = (error: unknown): boolean => error instanceof CryptoError && error.code === 'decrypt_failed';

describeWycheproof<AeadGroup>('aes_gcm_test.json', 'AES-256-GCM', (file) => {
  const groups = file.testGroups
    .map((group, index) => [groupTitle(index, group, `key ${group.keySize} iv ${group.ivSize} tag ${group.tagSize}`), group] as const)
    .filter(([, group]) => inScope(group));
  const skipped = file.testGroups.filter((g) => !inScope(g));
  const skippedVectors = skipped.reduce((sum, g) => sum + g.tests.length, 0);

  it('has in-scope groups', () => {
    expect(groups.length).toBeGreaterThan(0);
  });

  it.each(groups)('%s: encrypt and decrypt match, tampering gives decrypt_failed', (_title, group) => {
    const failures = checkVectors(group.tests, (t) => {
      const [key, iv, aad, msg, ct, tag] = [t.key, t.iv, t.aad, t.msg, t.ct, t.tag].map(hex);
      const opened = attempt(() => aesGcmDecrypt(key, iv, {ciphertext: ct, tag}, aad));
      if (t.result === 'invalid') {
        if (opened.ok) return 'decrypted a forged message';
        return isDecryptFailed(opened.error) ? undefined : `threw ${describeError(opened.error)}`;
      }
      const sealed = aesGcmEncrypt(key, iv, msg, aad);
      if (!sealed.ciphertext.equals(ct)) return `ciphertext ${sealed.ciphertext.toString('hex')}`;
      if (!sealed.tag.equals(tag)) return `tag ${sealed.tag.toString('hex')}`;
      if (!opened.ok) return `decryption failed: ${describeError(opened.error)}`;
      if (!opened.value.equals(msg)) return `decrypted to ${opened.value.toString('hex')}`;
      // One flipped bit anywhere is refused with the same error.
      const flipped = Buffer.from(tag);
      flipped[0] ^= 1;
      const forged = attempt(() => aesGcmDecrypt(key, iv, {ciphertext: ct, tag: flipped}, aad));
      if (forged.ok || !isDecryptFailed(forged.error)) return 'a flipped tag bit was not refused with decrypt_failed';
      const truncated = attempt(() => aesGcmDecrypt(key, iv, {ciphertext: ct, tag: tag.subarray(0, 12)}, aad));
      if (truncated.ok || !isDecryptFailed(truncated.error)) return 'a truncated tag was not refused with decrypt_failed';
      return undefined;
    });
    expect(failures).toEqual([]);
  });

  it(`other parameter sets are out of scope (${skippedVectors} vectors in ${skipped.length} groups skipped) and refused by our API`, () => {
    const failures: string[] = [];
    for (const group of skipped) {
      failures.push(...checkVectors(group.tests, (t) => {
        const [key, iv, aad, msg, ct, tag] = [t.key, t.iv, t.aad, t.msg, t.ct, t.tag].map(hex);
        const sealed = attempt(() => aesGcmEncrypt(key, iv, msg, aad));
        if (sealed.ok || !(sealed.error instanceof RangeError)) return 'aesGcmEncrypt did not throw RangeError';
        const opened = attempt(() => aesGcmDecrypt(key, iv, {ciphertext: ct, tag}, aad));
        if (opened.ok || !isDecryptFailed(opened.error)) return 'aesGcmDecrypt did not throw decrypt_failed';
        return undefined;
      }));
    }
    expect(failures).toEqual([]);
  });
});
