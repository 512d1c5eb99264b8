/**
 * HMAC-SHA256 against Wycheproof. hmacSha256 always gives the full 32-byte tag: for tagSize 256 groups it
 * must equal the vector's tag; for truncated-tag groups its prefix of tagSize/8 bytes is compared. Invalid
 * vectors (modified tags) must not match.
 */
import {hmacSha256} from '../../../src/crypto/hash.js';
import {constantTimeEqual} from '../../../src/crypto/bytes.js';
import {checkVectors, describeWycheproof, groupTitle, hex, type WycheproofGroup, type WycheproofTest} from '../../helpers/wycheproof.js';

interface MacTest extends WycheproofTest {
  readonly key: string;
  readonly msg: string;
  readonly tag: string;
}
interface MacGroup extends WycheproofGroup<MacTest> {
  readonly keySize: number;
  readonly tagSize: number;
}

describeWycheproof<MacGroup>('hmac_sha256_test.json', 'HMAC-SHA256', (file) => {
  const groups = file.testGroups.map((group, index) => [groupTitle(index, group, `key ${group.keySize} tag ${group.tagSize}`), group] as const);

  it.each(groups)('%s: valid tags match, modified tags do not', (_title, group) => {
    expect(group.tagSize % 8).toBe(0);
    expect(group.tagSize).toBeLessThanOrEqual(256);
    const failures = checkVectors(group.tests, (t) => {
      const key = hex(t.key);
      const msg = hex(t.msg);
      const full = hmacSha256(key, msg);
      if (full.length !== 32) return `tag length ${full.length}`;
      // Same tag when the message is given in parts.
      const split = hmacSha256(key, msg.subarray(0, msg.length >> 1), msg.subarray(msg.length >> 1));
      if (!split.equals(full)) return 'multi-part HMAC differs';
      const tag = full.subarray(0, group.tagSize / 8);
      const matches = constantTimeEqual(tag, hex(t.tag));
      if (t.result === 'valid' && !matches) return `tag ${tag.toString('hex')}`;
      if (t.result === 'invalid' && matches) return 'modified tag matched';
      return undefined;
    });
    expect(failures).toEqual([]);
  });
});
