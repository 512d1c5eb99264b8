import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {aesGcmDecrypt, aesGcmEncrypt} from '../../src/crypto/aead.js';
import {constantTimeEqual, toBase64Url, utf8} from '../../src/crypto/bytes.js';
import {ecdhSharedSecret, generateEcdhKeyPair} from '../../src/crypto/ecdh.js';
import {ecdsaSign, ecdsaVerify} from '../../src/crypto/ecdsa.js';
import {hmacSha256, sha256} from '../../src/crypto/hash.js';
import {hkdfExpand, hkdfExtract} from '../../src/crypto/hkdf.js';
import {isValidP256Point} from '../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';
import {encodeA1Plaintext, encodeA2Plaintext} from '../../src/protocol/v2/messages.js';

/**
 * The crypto one server-side v2 handshake performs, in the responder's order and with the same primitives
 * and sizes, and nothing else (no parsing, transcript objects, state maps, HTTP or SQL): the machine's
 * ceiling in handshakes per CPU-second. Checked against src/protocol/v2/responder*.ts and server/session-keys.ts:
 *
 * - A0.2 point check; A0.3 E_s keygen, 16 + 32 random bytes, h0 and 7 absorbs (H_a0s), sign; the signature
 *   absorbed; A0.4 ECDH, HKDF-Extract, 2 HKDF-Expand.
 * - A2.1 AES-GCM open of the A1 plaintext; 3 absorbs (H_a1s); A2.2 point check, verify (a valid signature);
 *   the signature absorbed; A2.3 S_s keygen, 16 random bytes, 3 absorbs (H_a2s), sign, the signature
 *   absorbed; A2.4 ECDH, HKDF-Extract, 3 HKDF-Expand; the client finished MAC, absorbed; A2.5 12 random bytes
 *   and the AES-GCM seal of the A2 plaintext.
 * - A3.5 constant-time compare, the server finished MAC; the session keys wrapped at rest (12 random bytes
 *   from the OS, AES-GCM seal with the session id as associated data).
 *
 * Hashing uses the same 3-part absorb (h ‖ header ‖ value) as the transcript; sizes are those of a real
 * handshake for organization `acme`, username `alice`.
 */
export function measureCeiling(durationMs: number): {handshakesPerCpuSecond: number; microsecondsPerHandshake: number} {
  const repository = generateP256KeyPair();
  const subject = generateP256KeyPair();
  const client = generateEcdhKeyPair(systemRng);
  const clientSession = generateEcdhKeyPair(systemRng);
  const key = systemRng(32);
  const iv = systemRng(12);
  const hash32 = systemRng(32);
  const signature64 = systemRng(64);
  const header = systemRng(20); // u8(len(name)) ‖ name ‖ u32be(len(value)), names are 6–25 bytes
  const value = systemRng(65); // absorbed values are 8–65 bytes
  const label = utf8('rep-v2/1 server A0\0'); // signature inputs are label ‖ 0x00 ‖ transcript hash
  const finishedLabel = utf8('rep-v2/1 client finished');
  const a1Plaintext = utf8(JSON.stringify(encodeA1Plaintext({sessionPublicKey: clientSession.publicKey, organization: 'acme', username: 'alice', signature: signature64})));
  const a2Plaintext = utf8(JSON.stringify(encodeA2Plaintext({sessionId: systemRng(16), sessionPublicKey: client.publicKey, expiresAt: Date.now(), signature: signature64})));
  const wrapPlaintext = utf8(JSON.stringify({c2s: toBase64Url(key), s2c: toBase64Url(key)}));
  const sessionIdAad = utf8(toBase64Url(systemRng(16)));
  const a1 = aesGcmEncrypt(key, iv, a1Plaintext, hash32);
  const subjectSigned = Buffer.concat([label, hash32]);
  const subjectSignature = ecdsaSign(subject.privateKey, subjectSigned);
  const absorb = (h: Buffer) => sha256(h, header, value);
  const infoC2s = utf8('rep-v2/1 session c2s');

  const once = () => {
    // A0.2 check
    isValidP256Point(client.publicKey);
    // A0.3 sign: E_s, channel id and nonce, H_a0s = h0 + 7 absorbs, the repository's signature
    const ephemeral = generateEcdhKeyPair(systemRng);
    systemRng(16);
    systemRng(32);
    let h = sha256(infoC2s);
    for (let i = 0; i < 7; i++) h = absorb(h);
    const a0Signature = ecdsaSign(repository.privateKey, Buffer.concat([label, h]));
    h = sha256(h, header, a0Signature);
    // A0.4 derive
    const prk = hkdfExtract(h, ecdhSharedSecret(ephemeral, client.publicKey));
    hkdfExpand(prk, infoC2s, 32);
    hkdfExpand(prk, infoC2s, 32);
    // A2.1 decrypt, H_a1s
    aesGcmDecrypt(key, iv, a1, hash32);
    for (let i = 0; i < 3; i++) h = absorb(h);
    // A2.2 verify
    isValidP256Point(clientSession.publicKey);
    ecdsaVerify(subject.publicKey, subjectSigned, subjectSignature);
    h = absorb(h);
    // A2.3 sign: S_s, session id, H_a2s, the repository's signature
    const session = generateEcdhKeyPair(systemRng);
    systemRng(16);
    for (let i = 0; i < 3; i++) h = absorb(h);
    const a2Signature = ecdsaSign(repository.privateKey, Buffer.concat([label, h]));
    h = sha256(h, header, a2Signature);
    // A2.4 derive, the client's finished MAC (absorbed into H_a3)
    const sprk = hkdfExtract(h, ecdhSharedSecret(session, clientSession.publicKey));
    hkdfExpand(sprk, infoC2s, 32);
    hkdfExpand(sprk, infoC2s, 32);
    const finishedKey = hkdfExpand(sprk, infoC2s, 32);
    const finished = hmacSha256(finishedKey, finishedLabel, Buffer.of(0), h);
    const h3 = absorb(h);
    // A2.5 encrypt
    aesGcmEncrypt(key, systemRng(12), a2Plaintext, h);
    // A3.5 confirm
    constantTimeEqual(finished, finished);
    hmacSha256(finishedKey, finishedLabel, Buffer.of(0), h3);
    // the session keys wrapped at rest (server/session-keys.ts, server/keys/key-wrapper.ts)
    aesGcmEncrypt(key, randomBytes(12), wrapPlaintext, sessionIdAad);
  };

  for (let i = 0; i < 200; i++) once();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let count = 0;
  while (performance.now() - wallStart < durationMs) {
    once();
    count++;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {handshakesPerCpuSecond: count / cpuSeconds, microsecondsPerHandshake: (cpuSeconds * 1e6) / count};
}
