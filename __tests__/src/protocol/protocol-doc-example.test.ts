/**
 * Keeps docs/PROTOCOL.md honest. Runs the seeded v2 handshake of its §12 worked example, re-derives every value
 * with node:crypto alone from the constructions the document describes (not with the project's transcript,
 * key-schedule or record code), and checks that each value pasted in the document appears there verbatim.
 *
 * To regenerate the example fragments after a deliberate wire change:
 *   PROTOCOL_DOC_FRAGMENTS=/tmp/protocol-example.md node scripts/run-jest.mjs __tests__/src/protocol/protocol-doc-example
 * then paste the file's sections into docs/PROTOCOL.md §12.
 */
import {createDecipheriv, createECDH, createHash, createHmac, hkdfSync, verify, type KeyObject} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {exportSpki} from '../../../src/crypto/p256.js';
import {seededRng} from '../../../src/crypto/random.js';
import {
  encodeA0Answer, encodeA0Request, encodeA1Request, encodeA2Answer, encodeA3Answer, encodeA3Request,
} from '../../../src/protocol/v2/messages.js';
import {encodeRequestRecord, encodeResponseRecord, sealRecord} from '../../../src/protocol/v2/session-request.js';
import {doHandshake, makeParties} from '../../helpers/v2-parties.js';

const SEED = 'rep-v2 protocol example';
const NOW = 1767225600000;
const DOC = join(process.cwd(), 'docs', 'PROTOCOL.md');

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const b64u = (text: string): Buffer => Buffer.from(text, 'base64url');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const u64 = (value: number): Buffer => {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
};

/** The documented MixHash: h' = SHA-256(h ‖ u8(len(name)) ‖ name ‖ u32be(len(value)) ‖ value). */
function absorb(h: Buffer, name: string, value: Uint8Array): Buffer {
  const header = Buffer.alloc(1 + name.length + 4);
  header.writeUInt8(name.length, 0);
  header.write(name, 1, 'ascii');
  header.writeUInt32BE(value.length, 1 + name.length);
  return createHash('sha256').update(h).update(header).update(value).digest();
}

/** HKDF-SHA256 (RFC 5869) with node's implementation: Extract(salt, ikm) then Expand(info, 32). */
const hkdf32 = (ikm: Uint8Array, salt: Uint8Array, label: string): Buffer => Buffer.from(hkdfSync('sha256', ikm, salt, utf8(label), 32));
const prkOf = (ikm: Uint8Array, salt: Uint8Array): Buffer => createHmac('sha256', salt).update(ikm).digest();
const signedBytes = (label: string, hash: Buffer): Buffer => Buffer.concat([utf8(label), Buffer.of(0), hash]);
const verifies = (key: KeyObject, label: string, hash: Buffer, signature: Buffer): boolean =>
  verify('sha256', signedBytes(label, hash), {key, dsaEncoding: 'ieee-p1363'}, signature);
const open = (key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, {authTagLength: 16});
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
};
const ecdh = (privateScalar: Buffer, peer: Buffer): Buffer => {
  const own = createECDH('prime256v1');
  own.setPrivateKey(privateScalar);
  return own.computeSecret(peer);
};
const pointOf = (privateScalar: Buffer): Buffer => {
  const own = createECDH('prime256v1');
  own.setPrivateKey(privateScalar);
  return own.getPublicKey();
};
const recordAad = (label: string, sessionId: Buffer, sequence: number, method: string, path: string): Buffer =>
  Buffer.concat([utf8(label), Buffer.of(0), sessionId, u64(sequence), utf8(method), Buffer.of(0), utf8(path)]);
const recordNonce = (sequence: number): Buffer => Buffer.concat([Buffer.alloc(4), u64(sequence)]);

/** Runs the seeded handshake and computes every value §12 shows, independently of the project's derivations. */
function example() {
  const parties = makeParties({seed: SEED, now: NOW});
  const run = doHandshake(parties);
  const wire = {
    a0Request: encodeA0Request(run.a0.request),
    a0Answer: encodeA0Answer(run.a0Answer),
    a1Request: encodeA1Request(run.a1.request),
    a2Answer: encodeA2Answer(run.a2Answer),
    a3Request: encodeA3Request(run.a3.request),
    a3Answer: encodeA3Answer(run.confirmed.answer),
  };

  // The private scalars, re-drawn from the seeded stream in the order the parties draw them.
  const rng = seededRng(SEED);
  const draws = {
    repository: rng(32), subject: rng(32), clientEphemeral: rng(32), clientNonce: rng(32),
    serverEphemeral: rng(32), channelId: rng(16), serverNonce: rng(32),
    clientSession: rng(32), a1Iv: rng(12), serverSession: rng(32), sessionId: rng(16), a2Iv: rng(12),
  };
  const repositoryKey = parties.client.repositoryKey;
  const subjectKey = parties.client.subject.publicKey;
  const spki = exportSpki(repositoryKey);
  const audience = createHash('sha256').update(spki).digest();

  // A0
  const eC = b64u(wire.a0Request.client_ephemeral);
  const eS = b64u(wire.a0Answer.server_ephemeral);
  const fields: Array<[string, Buffer]> = [
    ['audience', audience],
    ['client_ephemeral', eC],
    ['client_nonce', b64u(wire.a0Request.client_nonce)],
    ['timestamp', u64(wire.a0Request.timestamp)],
    ['channel_id', b64u(wire.a0Answer.channel_id)],
    ['server_ephemeral', eS],
    ['server_nonce', b64u(wire.a0Answer.server_nonce)],
    ['server_signature_a0', b64u(wire.a0Answer.signature)],
  ];
  const h0 = createHash('sha256').update('rep-v2/1').digest();
  const rows: Array<{name: string; value: Buffer; hash: Buffer}> = [];
  let h: Buffer = h0;
  const take = (list: Array<[string, Buffer]>) => {
    for (const [name, value] of list) {
      h = absorb(h, name, value);
      rows.push({name, value, hash: h});
    }
    return h;
  };
  take(fields.slice(0, 7));
  const hA0s = h;
  const hA0 = take(fields.slice(7));
  const zChannel = ecdh(draws.clientEphemeral, eS);
  const channel = {
    prk: prkOf(zChannel, hA0),
    c2s: hkdf32(zChannel, hA0, 'rep-v2/1 channel c2s'),
    s2c: hkdf32(zChannel, hA0, 'rep-v2/1 channel s2c'),
  };

  // A1
  const a1Plaintext = open(channel.c2s, b64u(wire.a1Request.iv), b64u(wire.a1Request.ciphertext), b64u(wire.a1Request.tag), hA0);
  const a1 = JSON.parse(a1Plaintext.toString('utf8')) as {session_public_key: string; organization: string; username: string; signature: string};
  const hA1s = take([
    ['organization', utf8(a1.organization)],
    ['username', utf8(a1.username)],
    ['client_session_public_key', b64u(a1.session_public_key)],
  ]);
  const hA1 = take([['client_signature_a1', b64u(a1.signature)]]);

  // A2
  const a2Plaintext = open(channel.s2c, b64u(wire.a2Answer.iv), b64u(wire.a2Answer.ciphertext), b64u(wire.a2Answer.tag), hA1);
  const a2 = JSON.parse(a2Plaintext.toString('utf8')) as {session_id: string; session_public_key: string; expires_at: number; signature: string};
  const hA2s = take([
    ['session_id', b64u(a2.session_id)],
    ['server_session_public_key', b64u(a2.session_public_key)],
    ['expires_at', u64(a2.expires_at)],
  ]);
  const hA2 = take([['server_signature_a2', b64u(a2.signature)]]);
  const zSession = ecdh(draws.clientSession, b64u(a2.session_public_key));
  const session = {
    prk: prkOf(zSession, hA2),
    c2s: hkdf32(zSession, hA2, 'rep-v2/1 session c2s'),
    s2c: hkdf32(zSession, hA2, 'rep-v2/1 session s2c'),
    finished: hkdf32(zSession, hA2, 'rep-v2/1 finished'),
  };

  // A3
  const clientFinished = createHmac('sha256', session.finished).update(signedBytes('rep-v2/1 client finished', hA2)).digest();
  const hA3 = take([['client_finished', clientFinished]]);
  const serverFinished = createHmac('sha256', session.finished).update(signedBytes('rep-v2/1 server finished', hA3)).digest();

  // Session request 1: POST /v2/whoami with plaintext {} and its answer.
  const sessionId = b64u(a2.session_id);
  const route = {method: 'POST', path: '/v2/whoami'};
  const request = sealRecord('request', run.a3.state.keys.clientToServer, sessionId, 1, route, {});
  const answerBody = {
    session_id: a2.session_id, suite: 'v2', organization: a1.organization, username: a1.username,
    created_at: run.confirmed.session.createdAt, expires_at: a2.expires_at,
  };
  const response = sealRecord('response', run.a3.state.keys.serverToClient, sessionId, 1, route, answerBody);
  const requestAad = recordAad('rep-v2/1 request', sessionId, 1, 'POST', '/v2/whoami');
  const responseAad = recordAad('rep-v2/1 response', sessionId, 1, 'POST', '/v2/whoami');

  return {
    parties, run, wire, draws, repositoryKey, subjectKey, spki, audience, h0, rows,
    hashes: {hA0s, hA0, hA1s, hA1, hA2s, hA2, hA3},
    zChannel, channel, zSession, session, a1, a1Plaintext, a2, a2Plaintext, clientFinished, serverFinished,
    records: {
      request: encodeRequestRecord(request), response: encodeResponseRecord(response),
      requestAad, responseAad, nonce: recordNonce(1), answerBody,
    },
  };
}

type Example = ReturnType<typeof example>;

/** The §12 fragments, in the form they are pasted in the document (each checked verbatim). */
function fragments(x: Example): Array<{what: string; text: string}> {
  const d = x.draws;
  const out: Array<{what: string; text: string}> = [];
  const add = (what: string, text: string) => out.push({what, text});
  add('repository SPKI', `\`${hex(x.spki)}\``);
  add('repository fingerprint', `\`${hex(x.audience)}\``);
  add('subject public point', `\`${hex(Buffer.concat([Buffer.of(4), b64u(x.subjectKey.export({format: 'jwk'}).x ?? ''), b64u(x.subjectKey.export({format: 'jwk'}).y ?? '')]))}\``);
  for (const [name, scalar] of [
    ['repository', d.repository], ['subject', d.subject], ['e_c', d.clientEphemeral], ['e_s', d.serverEphemeral],
    ['s_c', d.clientSession], ['s_s', d.serverSession],
  ] as const) add(`private scalar ${name}`, `| ${name} | \`${hex(scalar)}\` |`);
  add('h0', `h0 = \`${hex(x.h0)}\``);
  add('A0 request JSON', pretty(x.wire.a0Request));
  add('A0 answer JSON', pretty(x.wire.a0Answer));
  add('A1 request JSON', pretty(x.wire.a1Request));
  add('A2 answer JSON', pretty(x.wire.a2Answer));
  add('A3 request JSON', pretty(x.wire.a3Request));
  add('A3 answer JSON', pretty(x.wire.a3Answer));
  add('A1 plaintext', x.a1Plaintext.toString('utf8'));
  add('A2 plaintext', x.a2Plaintext.toString('utf8'));
  x.rows.forEach((row, i) => add(`transcript row ${i + 1}`, `| ${i + 1} | \`${row.name}\` | \`${hex(row.value)}\` | \`${hex(row.hash)}\` |`));
  for (const [name, value] of Object.entries({
    H_a0s: x.hashes.hA0s, H_a0: x.hashes.hA0, H_a1s: x.hashes.hA1s, H_a1: x.hashes.hA1,
    H_a2s: x.hashes.hA2s, H_a2: x.hashes.hA2, H_a3: x.hashes.hA3,
  })) add(name, `| ${name} | \`${hex(value)}\` |`);
  add('signed bytes A0', `\`${hex(signedBytes('rep-v2/1 server A0', x.hashes.hA0s))}\``);
  add('signed bytes A1', `\`${hex(signedBytes('rep-v2/1 client A1', x.hashes.hA1s))}\``);
  add('signed bytes A2', `\`${hex(signedBytes('rep-v2/1 server A2', x.hashes.hA2s))}\``);
  add('channel ECDH', `| Z_ch = ECDH(e_c, E_s) | \`${hex(x.zChannel)}\` |`);
  add('channel PRK', `| PRK_ch | \`${hex(x.channel.prk)}\` |`);
  add('channel c2s', `| k_ch_c2s | \`${hex(x.channel.c2s)}\` |`);
  add('channel s2c', `| k_ch_s2c | \`${hex(x.channel.s2c)}\` |`);
  add('session ECDH', `| Z_s = ECDH(s_c, S_s) | \`${hex(x.zSession)}\` |`);
  add('session PRK', `| PRK_s | \`${hex(x.session.prk)}\` |`);
  add('session c2s', `| k_c2s | \`${hex(x.session.c2s)}\` |`);
  add('session s2c', `| k_s2c | \`${hex(x.session.s2c)}\` |`);
  add('finished key', `| k_finished | \`${hex(x.session.finished)}\` |`);
  add('client finished', `| client_finished | \`${hex(x.clientFinished)}\` |`);
  add('server finished', `| server_finished | \`${hex(x.serverFinished)}\` |`);
  add('final transcript hash', `Final transcript hash H_a3 = \`${hex(x.hashes.hA3)}\``);
  add('record nonce', `\`${hex(x.records.nonce)}\``);
  add('request AAD', `\`${hex(x.records.requestAad)}\``);
  add('response AAD', `\`${hex(x.records.responseAad)}\``);
  add('whoami request JSON', pretty(x.records.request));
  add('whoami response JSON', pretty(x.records.response));
  add('whoami answer plaintext', JSON.stringify(x.records.answerBody));
  return out;
}

describe('docs/PROTOCOL.md §12 worked example', () => {
  const x = example();

  it('the seeded run re-derives with node:crypto alone from the documented constructions', () => {
    // Every private scalar comes from the seeded stream in the documented order.
    expect(hex(pointOf(x.draws.repository))).toBe(hex(Buffer.concat([Buffer.of(4), x.spki.subarray(27, 91)])));
    expect(hex(pointOf(x.draws.clientEphemeral))).toBe(hex(b64u(x.wire.a0Request.client_ephemeral)));
    expect(hex(pointOf(x.draws.serverEphemeral))).toBe(hex(b64u(x.wire.a0Answer.server_ephemeral)));
    expect(hex(pointOf(x.draws.clientSession))).toBe(hex(b64u(x.a1.session_public_key)));
    expect(hex(pointOf(x.draws.serverSession))).toBe(hex(b64u(x.a2.session_public_key)));
    expect(x.draws.clientNonce.toString('base64url')).toBe(x.wire.a0Request.client_nonce);
    expect(x.draws.channelId.toString('base64url')).toBe(x.wire.a0Answer.channel_id);
    expect(x.draws.serverNonce.toString('base64url')).toBe(x.wire.a0Answer.server_nonce);
    expect(x.draws.a1Iv.toString('base64url')).toBe(x.wire.a1Request.iv);
    expect(x.draws.sessionId.toString('base64url')).toBe(x.a2.session_id);
    expect(x.draws.a2Iv.toString('base64url')).toBe(x.wire.a2Answer.iv);
    // Both ECDH directions agree.
    expect(hex(ecdh(x.draws.serverEphemeral, b64u(x.wire.a0Request.client_ephemeral)))).toBe(hex(x.zChannel));
    expect(hex(ecdh(x.draws.serverSession, b64u(x.a1.session_public_key)))).toBe(hex(x.zSession));

    // The independent transcript equals the project's, entry by entry.
    const entries = x.run.a3.state.afterA3.entries;
    expect(x.rows.map((r) => [r.name, hex(r.value), hex(r.hash)])).toEqual(entries.map((e) => [e.name, hex(e.value), hex(e.hash)]));
    expect(hex(x.hashes.hA0)).toBe(hex(x.run.channel.transcript.hash));
    expect(hex(x.hashes.hA1)).toBe(hex(x.run.a1.state.afterA1.hash));
    expect(hex(x.hashes.hA2)).toBe(hex(x.run.a3.state.transcript.hash));

    // Signatures: label ‖ 0x00 ‖ hash, P1363, low S, under the pinned repository key / the subject key.
    const half = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;
    const sigs = [b64u(x.wire.a0Answer.signature), b64u(x.a1.signature), b64u(x.a2.signature)];
    for (const sig of sigs) {
      expect(sig.length).toBe(64);
      expect(BigInt(`0x${hex(sig.subarray(32))}`) <= half).toBe(true);
    }
    expect(verifies(x.repositoryKey, 'rep-v2/1 server A0', x.hashes.hA0s, sigs[0])).toBe(true);
    expect(verifies(x.subjectKey, 'rep-v2/1 client A1', x.hashes.hA1s, sigs[1])).toBe(true);
    expect(verifies(x.repositoryKey, 'rep-v2/1 server A2', x.hashes.hA2s, sigs[2])).toBe(true);
    // A wrong label does not verify (no cross-role reuse).
    expect(verifies(x.repositoryKey, 'rep-v2/1 server A2', x.hashes.hA0s, sigs[0])).toBe(false);

    // Keys and MACs equal the project's.
    expect(hex(x.channel.prk)).toBe(hex(x.run.channel.keys.prk));
    expect([hex(x.channel.c2s), hex(x.channel.s2c)]).toEqual([hex(x.run.channel.keys.clientToServer), hex(x.run.channel.keys.serverToClient)]);
    const keys = x.run.a3.state.keys;
    expect([hex(x.session.prk), hex(x.session.c2s), hex(x.session.s2c), hex(x.session.finished)])
      .toEqual([hex(keys.prk), hex(keys.clientToServer), hex(keys.serverToClient), hex(keys.finished)]);
    expect(x.clientFinished.toString('base64url')).toBe(x.wire.a3Request.finished);
    expect(x.serverFinished.toString('base64url')).toBe(x.wire.a3Answer.finished);
    expect(x.a2.session_id).toBe(x.wire.a3Request.session_id);
    expect(x.a2.expires_at).toBe(NOW + 3600_000);

    // Session records: nonce 0^4 ‖ u64be(seq), AAD label ‖ 0 ‖ id ‖ u64be(seq) ‖ METHOD ‖ 0 ‖ path.
    const req = x.records.request;
    const plain = open(x.session.c2s, x.records.nonce, b64u(req.ciphertext), b64u(req.tag), x.records.requestAad);
    expect(plain.toString('utf8')).toBe('{}');
    const res = x.records.response;
    const answer = open(x.session.s2c, x.records.nonce, b64u(res.ciphertext), b64u(res.tag), x.records.responseAad);
    expect(answer.toString('utf8')).toBe(JSON.stringify(x.records.answerBody));
  });

  it('the wire messages have exactly the documented fields and decoded lengths', () => {
    const lengths = (value: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && k !== 'version' && k !== 'organization' && k !== 'username' ? b64u(v).length : v]));
    expect(lengths(x.wire.a0Request)).toEqual({version: 'rep-v2/1', client_ephemeral: 65, client_nonce: 32, timestamp: NOW});
    expect(lengths(x.wire.a0Answer)).toEqual({channel_id: 16, server_ephemeral: 65, server_nonce: 32, signature: 64});
    expect(Object.keys(x.wire.a1Request)).toEqual(['channel_id', 'iv', 'ciphertext', 'tag']);
    expect(lengths({...x.wire.a1Request, ciphertext: ''})).toEqual({channel_id: 16, iv: 12, ciphertext: 0, tag: 16});
    expect(b64u(x.wire.a1Request.ciphertext).length).toBe(x.a1Plaintext.length);
    expect(lengths(x.a1)).toEqual({session_public_key: 65, organization: 'acme', username: 'alice', signature: 64});
    expect(lengths({...x.wire.a2Answer, ciphertext: ''})).toEqual({iv: 12, ciphertext: 0, tag: 16});
    expect(lengths(x.a2)).toEqual({session_id: 16, session_public_key: 65, expires_at: NOW + 3600_000, signature: 64});
    expect(lengths(x.wire.a3Request)).toEqual({session_id: 16, finished: 32});
    expect(lengths(x.wire.a3Answer)).toEqual({finished: 32});
    expect(Object.keys(x.records.request)).toEqual(['session_id', 'sequence', 'ciphertext', 'tag']);
    expect(Object.keys(x.records.response)).toEqual(['sequence', 'ciphertext', 'tag']);
  });

  it('every value pasted in docs/PROTOCOL.md is the one the code produces', () => {
    const list = fragments(x);
    if (process.env.PROTOCOL_DOC_FRAGMENTS) {
      writeFileSync(process.env.PROTOCOL_DOC_FRAGMENTS, list.map((f) => `<!-- ${f.what} -->\n${f.text}\n`).join('\n'));
    }
    const doc = readFileSync(DOC, 'utf8');
    const missing = list.filter((f) => !doc.includes(f.text)).map((f) => f.what);
    expect(missing).toEqual([]);
    // The final transcript hash the runner reports (hex) is in the document.
    expect(doc).toContain(hex(x.run.a3.state.afterA3.hash));
  });
});
