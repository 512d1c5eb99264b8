/**
 * ECDSA P-256 / SHA-256 verification against Wycheproof (DER and IEEE P1363 encodings).
 *
 * Every vector goes through `ecdsaVerify(key, msg, sig, encoding, requireLowS = false)` with the key from the
 * group's `publicKeyDer` via `importP256PublicKey`: "valid" must verify, "invalid" must not. These two
 * files have no "acceptable" vectors; one would be allowed either answer (it is only checked not to throw).
 * Then, with `requireLowS = true`, the valid high-S signatures must be refused, and our own `ecdsaSign`
 * output must always verify and be low-S.
 */
import {generateKeyPairSync, verify as nodeVerify} from 'node:crypto';
import {ecdsaSign, ecdsaVerify, deterministicSigner, nodeSigner, type SignatureEncoding} from '../../../src/crypto/ecdsa.js';
import {P256_ORDER, importP256PublicKey} from '../../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../../src/crypto/private-keys.js';
import {CryptoError} from '../../../src/crypto/errors.js';
import {
  checkVectors, describeWycheproof, groupTitle, hex,
  type WycheproofFile, type WycheproofGroup, type WycheproofTest,
} from '../../helpers/wycheproof.js';

interface EcdsaTest extends WycheproofTest {
  readonly msg: string;
  readonly sig: string;
}
interface EcdsaGroup extends WycheproofGroup<EcdsaTest> {
  readonly publicKeyDer: string;
  readonly publicKey: {readonly curve: string; readonly uncompressed: string};
  readonly sha: string;
}

const HALF_ORDER = P256_ORDER >> 1n;
const big = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** S of a P1363 signature, or of a DER one (only used on vectors node accepts, which are strict DER). */
function signatureS(sig: Buffer, encoding: SignatureEncoding): bigint {
  if (encoding === 'p1363') return big(sig.subarray(32));
  const rLength = sig[3];
  const sStart = 4 + rLength + 2;
  return big(sig.subarray(sStart, sStart + sig[sStart - 1]));
}

function verifySuite(name: string, encoding: SignatureEncoding): void {
  describeWycheproof<EcdsaGroup>(name, `ECDSA P-256 SHA-256 ${encoding.toUpperCase()}`, (file: WycheproofFile<EcdsaGroup>) => {
    const groups = file.testGroups.map((group, index) => [groupTitle(index, group), group] as const);

    it.each(groups)('%s: valid verify, invalid do not (requireLowS=false)', (_title, group) => {
      expect(group.sha).toBe('SHA-256');
      expect(group.publicKey.curve).toBe('secp256r1');
      const key = importP256PublicKey(hex(group.publicKeyDer));
      const failures = checkVectors(group.tests, (t) => {
        const ok = ecdsaVerify(key, hex(t.msg), hex(t.sig), encoding, false);
        if (t.result === 'valid' && !ok) return 'valid signature refused';
        if (t.result === 'invalid' && ok) return 'invalid signature accepted';
        return undefined; // acceptable: either answer (and it did not throw)
      });
      expect(failures).toEqual([]);
    });

    it('with requireLowS=true every valid high-S signature is refused and every low-S one still verifies', () => {
      let high = 0;
      let low = 0;
      const failures: string[] = [];
      for (const group of file.testGroups) {
        const key = importP256PublicKey(hex(group.publicKeyDer));
        failures.push(...checkVectors(group.tests.filter((t) => t.result === 'valid'), (t) => {
          const sig = hex(t.sig);
          const isHigh = signatureS(sig, encoding) > HALF_ORDER;
          if (isHigh) high++; else low++;
          const ok = ecdsaVerify(key, hex(t.msg), sig, encoding, true);
          if (isHigh && ok) return 'high-S signature accepted with requireLowS';
          if (!isHigh && !ok) return 'low-S signature refused with requireLowS';
          return undefined;
        }));
      }
      expect(failures).toEqual([]);
      // The files have both kinds, so both branches were exercised.
      expect(high).toBeGreaterThan(0);
      expect(low).toBeGreaterThan(0);
    });

    it('requireLowS defaults to true for P1363 and false for DER', () => {
      const vector = file.testGroups
        .flatMap((group) => group.tests.map((t) => ({group, t})))
        .find(({t}) => t.result === 'valid' && signatureS(hex(t.sig), encoding) > HALF_ORDER);
      expect(vector).toBeDefined();
      const {group, t} = vector!;
      const key = importP256PublicKey(hex(group.publicKeyDer));
      expect(ecdsaVerify(key, hex(t.msg), hex(t.sig), encoding)).toBe(encoding === 'der');
    });
  });
}

verifySuite('ecdsa_secp256r1_sha256_test.json', 'der');
verifySuite('ecdsa_secp256r1_sha256_p1363_test.json', 'p1363');

describe('ecdsaSign', () => {
  const {privateKey, publicKey} = generateP256KeyPair();
  const messages = Array.from({length: 200}, (_, i) => Buffer.from(`message ${i}`));

  it.each(['p1363', 'der'] as const)('%s output always verifies (also with requireLowS) and is low-S', (encoding) => {
    const failures: string[] = [];
    for (const message of messages) {
      const sig = ecdsaSign(privateKey, message, encoding);
      if (encoding === 'p1363' && sig.length !== 64) failures.push(`${message}: length ${sig.length}`);
      if (signatureS(sig, encoding) > HALF_ORDER) failures.push(`${message}: high S`);
      if (!ecdsaVerify(publicKey, message, sig, encoding, true)) failures.push(`${message}: does not verify`);
      // node:crypto itself agrees (DER output is strict DER).
      if (!nodeVerify('sha256', message, {key: publicKey, dsaEncoding: encoding === 'der' ? 'der' : 'ieee-p1363'}, sig)) {
        failures.push(`${message}: node:crypto does not verify it`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a signature does not verify for another message or key', () => {
    const sig = ecdsaSign(privateKey, messages[0]);
    expect(ecdsaVerify(publicKey, messages[1], sig)).toBe(false);
    expect(ecdsaVerify(generateP256KeyPair().publicKey, messages[0], sig)).toBe(false);
  });

  it('the high-S twin of a valid signature is refused by default but accepted with requireLowS=false', () => {
    const sig = ecdsaSign(privateKey, messages[0]);
    const highS = Buffer.from((P256_ORDER - big(sig.subarray(32))).toString(16).padStart(64, '0'), 'hex');
    const twin = Buffer.concat([sig.subarray(0, 32), highS]);
    expect(ecdsaVerify(publicKey, messages[0], twin)).toBe(false);
    expect(ecdsaVerify(publicKey, messages[0], twin, 'p1363', false)).toBe(true);
  });

  it('malformed signatures give false, never throw', () => {
    for (const sig of [Buffer.alloc(0), Buffer.alloc(63), Buffer.alloc(64), Buffer.alloc(65, 1), Buffer.from('3006020101020101', 'hex')]) {
      expect(ecdsaVerify(publicKey, messages[0], sig)).toBe(false);
      expect(ecdsaVerify(publicKey, messages[0], sig, 'der')).toBe(false);
      expect(ecdsaVerify(publicKey, messages[0], sig, 'der', true)).toBe(false);
    }
  });

  it('refuses a signing key on another curve', () => {
    const other = generateKeyPairSync('ec', {namedCurve: 'secp256k1'}).privateKey;
    expect(() => ecdsaSign(other, messages[0])).toThrow(CryptoError);
  });

  it('nodeSigner and deterministicSigner give low-S P1363 signatures that verify; deterministic is reproducible', () => {
    const signers = [nodeSigner(privateKey), deterministicSigner(privateKey)];
    for (const signer of signers) {
      expect(signer.publicKey.equals(publicKey)).toBe(true);
      for (const message of messages.slice(0, 20)) {
        const sig = signer.sign(message);
        expect(signatureS(sig, 'p1363') <= HALF_ORDER).toBe(true);
        expect(ecdsaVerify(publicKey, message, sig)).toBe(true);
      }
    }
    const deterministic = signers[1];
    expect(deterministic.sign(messages[0]).equals(deterministic.sign(messages[0]))).toBe(true);
    expect(deterministicSigner(privateKey).sign(messages[0]).equals(deterministic.sign(messages[0]))).toBe(true);
  });
});

