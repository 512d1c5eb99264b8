import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {buildWalkthrough, WALKTHROUGH_SEEDED_NOW, type Walkthrough} from '../../../src/protocol/v2/walkthrough.js';
import {doHandshake, makeParties} from '../../helpers/v2-parties.js';

const DOC_SEED = 'rep-v2 protocol example';
const MESSAGES = ['A0 request', 'A0 answer', 'A1 request', 'A2 answer', 'A3 request', 'A3 answer'];

/** The sub-step ids of docs/PROTOCOL.md §13, in the table's order. */
function documentedStepIds(): string[] {
  const doc = readFileSync(join(process.cwd(), 'docs', 'PROTOCOL.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## 13. Sub-step ids'));
  const table = section.slice(0, section.indexOf('**Mapping'));
  return [...table.matchAll(/^\| (A\d\.\d) \| (client|server) \|/gm)].map((m) => m[1]);
}

describe('buildWalkthrough', () => {
  let seeded: Walkthrough;
  beforeAll(() => {
    seeded = buildWalkthrough({seed: DOC_SEED});
  });

  it('is deterministic: the same seed twice gives identical JSON, another seed different bytes', () => {
    expect(JSON.stringify(buildWalkthrough({seed: 'x'}))).toBe(JSON.stringify(buildWalkthrough({seed: 'x'})));
    expect(buildWalkthrough({seed: 'y'}).transcriptHash).not.toBe(buildWalkthrough({seed: 'x'}).transcriptHash);
    expect(seeded.now).toBe(WALKTHROUGH_SEEDED_NOW);
  });

  it('is random without a seed, with the given clock', () => {
    const a = buildWalkthrough({now: 1_700_000_000_000});
    const b = buildWalkthrough({now: 1_700_000_000_000});
    expect(a.transcriptHash).not.toBe(b.transcriptHash);
    expect(a.seed).toBeUndefined();
    expect(a.frames.find((f) => f.id === 'A0.1')?.fields.find((f) => f.name === 'timestamp')?.text).toMatch(/^1700000000000 /);
  });

  it('covers every sub-step id of docs/PROTOCOL.md §13 in order, with its side, and every message', () => {
    const documented = documentedStepIds();
    expect(documented).toHaveLength(20);
    const steps = seeded.frames.filter((f) => f.kind === 'step');
    expect(steps.map((f) => f.id)).toEqual(documented);
    expect(seeded.frames.filter((f) => f.kind === 'message').map((f) => f.id)).toEqual(MESSAGES);
    expect(seeded.frames[0].kind).toBe('setup');
    expect(seeded.frames.map((f) => f.index)).toEqual(seeded.frames.map((_, i) => i));
    const order = seeded.frames.map((f) => f.id);
    expect(order.indexOf('A0 request')).toBe(order.indexOf('A0.1') + 1);
    expect(order.indexOf('A0 answer')).toBe(order.indexOf('A0.4') + 1);
    expect(order.indexOf('A1 request')).toBe(order.indexOf('A1.2') + 1);
    expect(order.indexOf('A2 answer')).toBe(order.indexOf('A2.5') + 1);
    expect(order.indexOf('A3 request')).toBe(order.indexOf('A3.4') + 1);
    expect(order.indexOf('A3 answer')).toBe(order.indexOf('A3.5') + 1);
    expect(seeded.frames.find((f) => f.id === 'A2.1')?.side).toBe('server');
    expect(seeded.frames.find((f) => f.id === 'A3.7')?.side).toBe('client');
  });

  it('explains every frame and cites the attacks or properties it is about', () => {
    for (const frame of seeded.frames) {
      expect(frame.explanation.length).toBeGreaterThan(40);
      expect(frame.prevents.length).toBeGreaterThan(0);
      for (const id of frame.prevents) expect(id).toMatch(/^(T\d+|W\d|property \d)$/);
    }
  });

  it('ends with the transcript hash doHandshake gives for the same seed (and docs/PROTOCOL.md §12)', () => {
    const run = doHandshake(makeParties({seed: DOC_SEED, now: WALKTHROUGH_SEEDED_NOW}));
    const expected = run.a3.state.afterA3.hash.toString('hex');
    expect(seeded.transcriptHash).toBe(expected);
    const last = seeded.frames[seeded.frames.length - 1];
    expect(last.transcript.current).toBe(expected);
    expect(last.transcript.rows).toHaveLength(17);
    expect(expected).toBe('2aa4e219c93f4c98cbfebc5f93ea96e952b18a0eb9ae7982f455af0e7f7942e4');
  });

  it('grows the transcript monotonically, from h0 to H_a3', () => {
    const counts = seeded.frames.map((f) => f.transcript.rows.length);
    expect(counts[0]).toBe(0);
    expect(seeded.frames[0].transcript.current).toBe('d809dc9b6c9ae841243ee7a15a828c3ae8b56f642379ea1a647419f3b4f6c017');
    counts.forEach((count, i) => expect(count).toBeGreaterThanOrEqual(counts[Math.max(0, i - 1)]));
    const a04 = seeded.frames.find((f) => f.id === 'A0.4');
    expect(a04?.transcript.uses).toEqual({name: 'H_a0', hex: '1b4e07aa9c415a5ad2ce0d2835737c45e957155835e0f94a017be2a9d6c9dd55'});
  });

  it('labels every message field with its decoded bytes, length and meaning', () => {
    const a0 = seeded.frames.find((f) => f.id === 'A0 request');
    expect(a0?.message).toMatchObject({from: 'client', to: 'server', method: 'POST', path: '/v2/session/a0', direction: 'request'});
    const body = JSON.parse(a0?.message?.json ?? '{}');
    expect(Object.keys(body)).toEqual(['version', 'client_ephemeral', 'client_nonce', 'timestamp']);
    const point = a0?.fields.find((f) => f.name === 'client_ephemeral');
    expect(point).toMatchObject({length: 65, hex: Buffer.from(body.client_ephemeral, 'base64url').toString('hex'), wire: body.client_ephemeral});
    expect(point?.meaning).toContain('E_c');
    const a1 = seeded.frames.find((f) => f.id === 'A1 request');
    const p1 = seeded.frames.find((f) => f.id === 'A1.2')?.fields.find((f) => f.name === 'plaintext')?.text ?? '';
    const sealedLength = Buffer.byteLength(p1);
    expect(a1?.fields.filter((f) => f.group === 'message').map((f) => [f.name, f.length])).toEqual([['channel_id', 16], ['iv', 12], ['ciphertext', sealedLength], ['tag', 16]]);
    expect(a1?.fields.filter((f) => f.group === 'sealed').map((f) => f.name)).toEqual(['P1.session_public_key', 'P1.organization', 'P1.username', 'P1.signature']);
    const a2 = seeded.frames.find((f) => f.id === 'A2 answer');
    expect(a2?.message).toMatchObject({from: 'server', to: 'client', status: 200, direction: 'response'});
    expect(a2?.fields.find((f) => f.name === 'P2.expires_at')).toMatchObject({length: 8, hex: '0000019b77119680'});
    const a03 = seeded.frames.find((f) => f.id === 'A0.3');
    expect(a03?.fields.find((f) => f.name === 'signed_bytes')?.hex).toBe('7265702d76322f312073657276657220413000001052bb8fa29dc2fb7ec51cfcca3453bfc064ea56b11422eb3e0f916e732516');
  });

  it('builds the key schedule tree: nothing before A0.4, channel keys from A0.4, session keys and MACs later', () => {
    const at = (id: string) => seeded.frames.find((f) => f.id === id);
    expect(at('A0.3')?.keySchedule).toEqual([]);
    const channel = at('A0.4')?.keySchedule[0];
    const z = channel?.children[0];
    expect(z?.hex).toBe('58b2e1a10c7327df3bd39cd88182f10e2cd4441f80a5561a9e5ba53aa9cd830d');
    expect(z?.children[0].salt?.name).toBe('H_a0');
    expect(z?.children[0].children.map((k) => [k.info, k.hex])).toEqual([
      ['rep-v2/1 channel c2s', '8097b4197fdf1f4323ab8201507c0a8e7a57d3e9f30e523d1d66c8f2373ae95d'],
      ['rep-v2/1 channel s2c', '47c6b46b4bc5a51e976a3296f2d47e8b1de4c892be59a3b082795be255a22e9e'],
    ]);
    expect(at('A2.3')?.keySchedule).toHaveLength(1);
    const session = at('A3.6')?.keySchedule[1]?.children[0].children[0];
    expect(session?.children.map((k) => k.hex)).toContain('604d9e5e6fc7ca9994c72419aa7011720d4d93f977e27f1ecb59d504cfda7915');
    const finished = session?.children[2].children.map((m) => m.hex);
    expect(finished).toEqual([
      '095ddbaa23e89284f99c1feafe2b88748b12fd40b756dd1e564c3610f47e04fb',
      'bb9d6ac256173746da5a1261839e8b055c43bde13d1f4e4d635b02eccd6da090',
    ]);
    expect(at('A3.3')?.keySchedule[1]?.children[0].children[0].children[2].children).toEqual([]);
  });
});
