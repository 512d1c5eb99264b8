import {createHash} from 'node:crypto';
import {seededRng, systemRng} from '../../../src/crypto/random.js';
import {ecdhKeyPairFromPrivate, generateEcdhKeyPair} from '../../../src/crypto/ecdh.js';
import {P256_ORDER} from '../../../src/crypto/p256.js';

/** Reads `total` bytes from a fresh seeded stream in chunks of the given sizes (cycled). */
function read(seed: string, total: number, chunks: number[]): Buffer {
  const rng = seededRng(seed);
  const parts: Buffer[] = [];
  let got = 0;
  for (let i = 0; got < total; i++) {
    const size = Math.min(chunks[i % chunks.length], total - got);
    const part = rng(size);
    expect(part).toHaveLength(size);
    parts.push(part);
    got += size;
  }
  return Buffer.concat(parts);
}

describe('seededRng', () => {
  it('gives the same stream for the same seed', () => {
    expect(seededRng('demo')(100).equals(seededRng('demo')(100))).toBe(true);
  });

  it('gives the same stream whatever the chunk sizes it is read in', () => {
    const whole = read('demo', 1000, [1000]);
    for (const chunks of [[1], [7], [31, 1, 64], [32], [33, 0, 5], [0, 100, 3, 250]]) {
      expect(read('demo', 1000, chunks).equals(whole)).toBe(true);
    }
  });

  it('gives different streams for different seeds (also seeds that are prefixes of each other)', () => {
    const seeds = ['demo', 'demo2', 'Demo', '', 'dem', 'demo\u0000'];
    const streams = new Set(seeds.map((seed) => seededRng(seed)(64).toString('hex')));
    expect(streams.size).toBe(seeds.length);
  });

  it('is block i = SHA-256("rep seeded rng" ‖ seed ‖ u32be(i))', () => {
    const block = (seed: string, i: number) => {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(i);
      return createHash('sha256').update('rep seeded rng').update(seed, 'utf8').update(index).digest();
    };
    expect(seededRng('s')(64).equals(Buffer.concat([block('s', 0), block('s', 1)]))).toBe(true);
  });

  it('returns fresh buffers: changing one does not change later output', () => {
    const a = seededRng('x');
    const b = seededRng('x');
    const first = a(10);
    first.fill(0);
    a(0);
    expect(a(22).equals(b(32).subarray(10))).toBe(true);
  });

  it('makes reproducible ECDH key pairs', () => {
    const one = generateEcdhKeyPair(seededRng('keys'));
    const two = generateEcdhKeyPair(seededRng('keys'));
    expect(one.privateKey).toHaveLength(32);
    expect(one.privateKey.equals(two.privateKey)).toBe(true);
    expect(one.publicKey.equals(two.publicKey)).toBe(true);
    expect(ecdhKeyPairFromPrivate(one.privateKey).publicKey.equals(one.publicKey)).toBe(true);
  });
});

describe('generateEcdhKeyPair rejection sampling', () => {
  it('skips 0 and scalars ≥ n', () => {
    const n = Buffer.from(P256_ORDER.toString(16), 'hex');
    const queue = [Buffer.alloc(32), n, Buffer.alloc(32, 0xff), Buffer.alloc(32, 0x11)];
    const pair = generateEcdhKeyPair(() => queue.shift()!);
    expect(pair.privateKey.equals(Buffer.alloc(32, 0x11))).toBe(true);
    expect(queue).toHaveLength(0);
  });
});

describe('systemRng', () => {
  it('gives the requested length and different bytes each call', () => {
    expect(systemRng(0)).toHaveLength(0);
    expect(systemRng(48)).toHaveLength(48);
    expect(systemRng(32).equals(systemRng(32))).toBe(false);
  });
});
