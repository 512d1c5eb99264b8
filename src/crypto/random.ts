import {randomBytes} from 'node:crypto';
import {sha256} from './hash.js';
import {utf8} from './bytes.js';

/** A source of random bytes, injected into every stage so that a seeded run is reproducible. */
export type Rng = (length: number) => Buffer;

/** The operating system's CSPRNG (node:crypto randomBytes). */
export const systemRng: Rng = (length) => randomBytes(length);

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
