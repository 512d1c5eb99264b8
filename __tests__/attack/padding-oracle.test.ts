// The CBC padding-oracle algorithm against a local oracle (no network): exact recovery, caps, refusal.
import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';
import {OracleRefused, recoverPlaintext, type PaddingOracle} from '../../src/attack/padding-oracle.js';

const key = randomBytes(32);
const encrypt = (plaintext: Buffer) => {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return {iv, ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()])};
};
/** The oracle a careless server gives: does D(block) ⊕ x end in valid PKCS#7 padding? */
const oracle: PaddingOracle = async (x, block) => {
  const decipher = createDecipheriv('aes-256-cbc', key, x);
  try {
    Buffer.concat([decipher.update(block), decipher.final()]);
    return true;
  } catch {
    return false;
  }
};

describe('recoverPlaintext', () => {
  it('recovers a whole JSON plaintext, padding included, without the key', async () => {
    const plaintext = Buffer.from('{"data": {"public_key": "LS0tLS1CRUdJTi", "organization": "org1", "username": "user1"}, "signature": "MIGIAkIB"}');
    const {iv, ciphertext} = encrypt(plaintext);
    const bytes: number[] = [];
    const result = await recoverPlaintext({iv, ciphertext, oracle, onByte: (b) => bytes.push(b.offset)});
    expect(result.stoppedBy).toBe('complete');
    const pad = 16 - (plaintext.length % 16);
    expect(Buffer.from(result.plaintext as number[])).toEqual(Buffer.concat([plaintext, Buffer.alloc(pad, pad)]));
    expect(bytes).toHaveLength(ciphertext.length);
    expect(result.queries).toBeLessThan(ciphertext.length * 128);
  });

  it('recovers arbitrary bytes too (every guess is eventually tried)', async () => {
    const plaintext = randomBytes(40);
    const {iv, ciphertext} = encrypt(plaintext);
    const result = await recoverPlaintext({iv, ciphertext, oracle, concurrency: 3});
    expect(Buffer.from(result.plaintext.slice(0, 40) as number[])).toEqual(plaintext);
  });

  it('stops at the query cap and at the block cap, keeping what it found', async () => {
    const {iv, ciphertext} = encrypt(Buffer.alloc(64, 0x41));
    const capped = await recoverPlaintext({iv, ciphertext, oracle, maxQueries: 50, concurrency: 1});
    expect(capped.stoppedBy).toBe('query-cap');
    expect(capped.queries).toBe(50);
    expect(capped.recovered).toBeGreaterThan(0);
    const blocks = await recoverPlaintext({iv, ciphertext, oracle, maxBlocks: 1});
    expect(blocks).toMatchObject({stoppedBy: 'block-cap', recovered: 16});
    expect(blocks.plaintext.slice(0, 16)).toEqual(Array(16).fill(0x41));
  });

  it('stops when the repository refuses to answer as an oracle', async () => {
    const {iv, ciphertext} = encrypt(Buffer.from('hello'));
    const result = await recoverPlaintext({iv, ciphertext, oracle: async () => { throw new OracleRefused('channel gone'); }});
    expect(result).toMatchObject({stoppedBy: 'refused', queries: 1, recovered: 0});
  });
});
