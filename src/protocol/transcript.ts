import {sha256} from '../crypto/hash.js';
import {utf8} from '../crypto/bytes.js';

/** One field absorbed into a transcript, kept for traces and the walkthrough. */
export interface TranscriptEntry {
  readonly name: string;
  readonly value: Buffer;
  /** The running hash after absorbing this field. */
  readonly hash: Buffer;
}

/** `u8(len(name)) ‖ name` of the field names seen so far (a handful in practice; bounded for arbitrary callers). */
const namePrefixes = new Map<string, Buffer>();
const MAX_CACHED_NAMES = 64;

function namePrefix(name: string): Buffer {
  let prefix = namePrefixes.get(name);
  if (prefix === undefined) {
    const nameBytes = utf8(name);
    if (nameBytes.length > 255) throw new RangeError('transcript field name too long');
    prefix = Buffer.concat([Buffer.of(nameBytes.length), nameBytes]);
    if (namePrefixes.size < MAX_CACHED_NAMES) namePrefixes.set(name, prefix);
  }
  return prefix;
}

/**
 * A running transcript hash (Noise `MixHash` style, hardened suite property 2). Immutable: `absorb` returns
 * a new transcript. `h0 = SHA-256(protocol id)`; `absorb(name, value)` sets
 * `h = SHA-256(h ‖ u8(len(name)) ‖ name ‖ u32be(len(value)) ‖ value)`.
 *
 * Each transcript links to the one it was absorbed into; `entries` (the field history, for traces and the
 * walkthrough) is built from those links the first time it is read, so the hot path (the server answering
 * handshakes) never pays for a history nobody reads.
 */
export class Transcript {
  readonly hash: Buffer;
  readonly #parent: Transcript | undefined;
  /** The field absorbed to make this transcript (undefined for a start or a resume); `#value` is a copy. */
  readonly #name: string | undefined;
  readonly #value: Buffer | undefined;
  #entries: readonly TranscriptEntry[] | undefined;

  private constructor(hash: Buffer, parent?: Transcript, name?: string, value?: Buffer) {
    this.hash = hash;
    this.#parent = parent;
    this.#name = name;
    this.#value = value;
  }

  /** The empty transcript of a protocol, `h0 = SHA-256(utf8(protocolId))`. */
  static start(protocolId: string): Transcript {
    return new Transcript(sha256(utf8(protocolId)));
  }

  /**
   * A transcript continued from a known running hash, without the field history: what the server keeps for
   * pending channels and sessions (32 bytes instead of every absorbed field; property 9).
   */
  static resume(hash: Uint8Array): Transcript {
    return new Transcript(Buffer.from(hash));
  }

  /** Every field absorbed since the start (or resume), oldest first, each with the running hash after it. */
  get entries(): readonly TranscriptEntry[] {
    if (this.#entries === undefined) {
      const entries: TranscriptEntry[] = [];
      for (let t: Transcript | undefined = this; t !== undefined && t.#name !== undefined; t = t.#parent) {
        entries.push({name: t.#name, value: t.#value!, hash: t.hash});
      }
      this.#entries = entries.reverse();
    }
    return this.#entries;
  }

  /** Absorbs one named field; names are ASCII and at most 255 bytes. */
  absorb(name: string, value: Uint8Array): Transcript {
    const prefix = namePrefix(name);
    const input = Buffer.allocUnsafe(this.hash.length + prefix.length + 4 + value.length);
    let offset = this.hash.copy(input, 0);
    offset += prefix.copy(input, offset);
    offset = input.writeUInt32BE(value.length, offset);
    input.set(value, offset);
    // The history keeps the copy of the value that was just hashed (the tail of `input`), not the caller's bytes.
    return new Transcript(sha256(input), this, name, input.subarray(offset));
  }

  /** Absorbs several fields in order. */
  absorbAll(fields: ReadonlyArray<readonly [string, Uint8Array]>): Transcript {
    let transcript: Transcript = this;
    for (const [name, value] of fields) transcript = transcript.absorb(name, value);
    return transcript;
  }
}
