import {randomBytes} from 'node:crypto';
import {sha256} from './hash.js';
import {utf8} from './bytes.js';

/** A source of random bytes, injected into every stage so that a seeded run is reproducible. */
export type Rng = (length: number) => Buffer;

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);

/**
 * The operating system's CSPRNG (node:crypto randomBytes, i.e. OpenSSL's RAND_bytes), drawn from a 4 KiB
 * buffer refilled as needed: one call per ~100 small draws instead of one per draw. Each returned buffer is
 * a fresh copy; pooled bytes are never handed out twice.
 */
export const systemRng: Rng = (length) => {
  if (length > POOL_SIZE / 4) return randomBytes(length);
  if (pool.length < length) pool = randomBytes(POOL_SIZE);
  const out = Buffer.from(pool.subarray(0, length));
  pool = pool.subarray(length);
  return out;
};

/**
 * A deterministic byte stream from a text seed: block i = SHA-256("rep seeded rng" ‖ seed ‖ u32be(i)).
 * For teaching and tests only (`--seed`): anyone who knows the seed knows every key.
 */
export function seededRng(seed: string): Rng {
  const seedBytes = utf8(seed);
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (length) => {
    while (pool.length < length) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(counter++);
      pool = Buffer.concat([pool, sha256(utf8('rep seeded rng'), seedBytes, index)]);
    }
    const out = pool.subarray(0, length);
    pool = pool.subarray(length);
    return Buffer.from(out);
  };
}
