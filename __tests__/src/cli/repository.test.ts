import {generateKeyPairSync} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {readPinnedKey, readPinnedKeyOfEitherSuite} from '../../../src/cli/repository.js';
import {exportPublicKeyPem} from '../../../src/crypto/p256.js';
import {exportP521PublicKeyPem, generateP521KeyPair} from '../../../src/crypto/p521.js';
import {generateP256KeyPair} from '../../../src/crypto/private-keys.js';

describe('pinned repository keys (REP_PUB_KEY)', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rep-pinned-'));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('tells the suites apart by curve for the app: P-256 pins v2, P-521 pins classic', () => {
    expect(readPinnedKeyOfEitherSuite(file('v2.pem', exportPublicKeyPem(generateP256KeyPair().publicKey)), 'REP_PUB_KEY').suite).toBe('v2');
    expect(readPinnedKeyOfEitherSuite(file('classic.pem', exportP521PublicKeyPem(generateP521KeyPair().publicKey)), 'REP_PUB_KEY').suite).toBe('classic');
  });

  it('names the curve it found when the key is neither, and says when it is no EC key at all', () => {
    const p384 = generateKeyPairSync('ec', {namedCurve: 'P-384'}).publicKey.export({type: 'spki', format: 'pem'}) as string;
    expect(() => readPinnedKeyOfEitherSuite(file('p384.pem', p384), 'REP_PUB_KEY'))
      .toThrow(/p384\.pem \(REP_PUB_KEY\) is neither a P-256 \(v2\) nor a P-521 \(classic\) public key in PEM \(its curve is secp384r1\)\./);
    expect(() => readPinnedKeyOfEitherSuite(file('junk.pem', 'not a key'), 'REP_PUB_KEY')).toThrow(/\(it is not an EC public key\)\./);
  });

  it("a command given the other suite's key says which --suite it is for", () => {
    const classic = file('rep_pub_key.pem', exportP521PublicKeyPem(generateP521KeyPair().publicKey));
    expect(() => readPinnedKey(classic, 'REP_PUB_KEY')).toThrow(/is not a P-256 public key in PEM: .* It is a P-521 key, a classic repository's: add --suite classic\./);
    const v2 = file('v2-key.pem', exportPublicKeyPem(generateP256KeyPair().publicKey));
    expect(() => readPinnedKey(v2, 'REP_PUB_KEY', 'classic')).toThrow(/is not a P-521 public key in PEM: .* It is a P-256 key, a v2 repository's: use --suite v2\./);
  });
});
