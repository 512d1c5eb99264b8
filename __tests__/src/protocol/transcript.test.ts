import {createHash} from 'node:crypto';
import {Transcript} from '../../../src/protocol/transcript.js';

/** The transcript formula written out with createHash, independently of the class. */
function reference(protocolId: string, fields: ReadonlyArray<readonly [string, Buffer]>): Buffer[] {
  let h = createHash('sha256').update(protocolId, 'utf8').digest();
  return fields.map(([name, value]) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length);
    h = createHash('sha256').update(h).update(Buffer.of(nameBytes.length)).update(nameBytes).update(length).update(value).digest();
    return h;
  });
}

const fields: [string, Buffer][] = [
  ['audience', Buffer.alloc(32, 1)],
  ['client_ephemeral', Buffer.alloc(65, 4)],
  ['empty', Buffer.alloc(0)],
  ['timestamp', Buffer.from('0000018c2a4b5c6d', 'hex')],
  ['audience', Buffer.alloc(32, 2)], // a name may repeat
];

describe('Transcript', () => {
  it('hashes h0 = SHA-256(id), then SHA-256(h ‖ u8(len name) ‖ name ‖ u32be(len value) ‖ value) per field', () => {
    const hashes = reference('rep-v2/1', fields);
    const start = Transcript.start('rep-v2/1');
    expect(start.hash.equals(createHash('sha256').update('rep-v2/1').digest())).toBe(true);
    let t = start;
    fields.forEach(([name, value], i) => {
      t = t.absorb(name, value);
      expect(t.hash.toString('hex')).toBe(hashes[i].toString('hex'));
    });
    expect(start.absorbAll(fields).hash.equals(hashes.at(-1)!)).toBe(true);
  });

  it('is immutable: absorbing returns a new transcript and leaves the old one as it was', () => {
    const start = Transcript.start('rep-v2/1');
    const h0 = Buffer.from(start.hash);
    const one = start.absorb('a', Buffer.of(1));
    const two = one.absorb('b', Buffer.of(2));
    const other = one.absorb('c', Buffer.of(3));
    expect(start.hash.equals(h0)).toBe(true);
    expect(start.entries).toEqual([]);
    expect(one.entries.map((e) => e.name)).toEqual(['a']);
    expect(two.entries.map((e) => e.name)).toEqual(['a', 'b']);
    expect(other.entries.map((e) => e.name)).toEqual(['a', 'c']);
  });

  it('keeps every field with the running hash after it, in order, as copies of the absorbed bytes', () => {
    const values = fields.map(([name, value]) => [name, Buffer.from(value)] as [string, Buffer]);
    const t = Transcript.start('rep-v2/1').absorbAll(values);
    for (const [, value] of values) value.fill(0xee); // the caller reuses its buffers afterwards
    const hashes = reference('rep-v2/1', fields);
    expect(t.entries.map((e) => [e.name, e.value.toString('hex'), e.hash.toString('hex')]))
      .toEqual(fields.map(([name, value], i) => [name, value.toString('hex'), hashes[i].toString('hex')]));
    expect(t.entries).toBe(t.entries); // built once
    expect(t.entries.at(-1)?.hash).toBe(t.hash);
  });

  it('resumes from a hash without history, and its later fields are its entries', () => {
    const full = Transcript.start('rep-v2/1').absorbAll(fields);
    const hash = Buffer.from(full.hash);
    const resumed = Transcript.resume(hash);
    hash.fill(0);
    expect(resumed.hash.equals(full.hash)).toBe(true);
    expect(resumed.entries).toEqual([]);
    const next = resumed.absorb('next', Buffer.of(9));
    expect(next.hash.equals(full.absorb('next', Buffer.of(9)).hash)).toBe(true);
    expect(next.entries.map((e) => e.name)).toEqual(['next']);
  });

  it('refuses a field name longer than 255 bytes', () => {
    const start = Transcript.start('rep-v2/1');
    expect(() => start.absorb('x'.repeat(256), Buffer.of(1))).toThrow(RangeError);
    expect(() => start.absorb('é'.repeat(128), Buffer.of(1))).toThrow(RangeError); // 256 UTF-8 bytes
    expect(start.absorb('x'.repeat(255), Buffer.of(1)).hash.length).toBe(32);
  });

  it('gives the same hashes whatever names were seen before (bounded name cache)', () => {
    const start = Transcript.start('rep-v2/1');
    for (let i = 0; i < 100; i++) start.absorb(`name-${i}`, Buffer.of(i));
    const name = 'name-99';
    const expected = reference('rep-v2/1', [[name, Buffer.of(7)]])[0];
    expect(start.absorb(name, Buffer.of(7)).hash.equals(expected)).toBe(true);
    expect(start.absorb('name-1', new Uint8Array([7])).hash.equals(reference('rep-v2/1', [['name-1', Buffer.of(7)]])[0])).toBe(true);
  });
});
