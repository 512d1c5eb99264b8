import {sha256} from '../crypto/hash.js';
import {utf8} from '../crypto/bytes.js';

/** One field absorbed into a transcript, kept for traces and the walkthrough. */
export interface TranscriptEntry {
  readonly name: string;
  readonly value: Buffer;
  /** The running hash after absorbing this field. */
  readonly hash: Buffer;
}

/**
 * A running transcript hash (Noise `MixHash` style, hardened suite property 2). Immutable: `absorb` returns
 * a new transcript. `h0 = SHA-256(protocol id)`; `absorb(name, value)` sets
 * `h = SHA-256(h ‖ u8(len(name)) ‖ name ‖ u32be(len(value)) ‖ value)`.
 */
export class Transcript {
  readonly hash: Buffer;
  readonly entries: readonly TranscriptEntry[];

  private constructor(hash: Buffer, entries: readonly TranscriptEntry[]) {
    this.hash = hash;
    this.entries = entries;
  }

  /** The empty transcript of a protocol, `h0 = SHA-256(utf8(protocolId))`. */
  static start(protocolId: string): Transcript {
    return new Transcript(sha256(utf8(protocolId)), []);
  }

  /** Absorbs one named field; names are ASCII and at most 255 bytes. */
  absorb(name: string, value: Uint8Array): Transcript {
    const nameBytes = utf8(name);
    if (nameBytes.length > 255) throw new RangeError('transcript field name too long');
    const header = Buffer.alloc(1 + nameBytes.length + 4);
    header.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(header, 1);
    header.writeUInt32BE(value.length, 1 + nameBytes.length);
    const hash = sha256(this.hash, header, value);
    return new Transcript(hash, [...this.entries, {name, value: Buffer.from(value), hash}]);
  }

  /** Absorbs several fields in order. */
  absorbAll(fields: ReadonlyArray<readonly [string, Uint8Array]>): Transcript {
    return fields.reduce<Transcript>((transcript, [name, value]) => transcript.absorb(name, value), this);
  }
}
