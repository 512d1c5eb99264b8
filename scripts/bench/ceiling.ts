import {performance} from 'node:perf_hooks';
import {aesGcmDecrypt, aesGcmEncrypt} from '../../src/crypto/aead.js';
import {constantTimeEqual} from '../../src/crypto/bytes.js';
import {ecdhSharedSecret, generateEcdhKeyPair} from '../../src/crypto/ecdh.js';
import {ecdsaSign, ecdsaVerify} from '../../src/crypto/ecdsa.js';
import {hmacSha256, sha256} from '../../src/crypto/hash.js';
import {hkdfExpand, hkdfExtract} from '../../src/crypto/hkdf.js';
import {isValidP256Point} from '../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {systemRng} from '../../src/crypto/random.js';

/**
 * The node:crypto operations one server-side v2 handshake performs (A0.2–A0.4, A2.1–A2.5, A3.5 and the key
 * wrap at rest), in the same order, with nothing else: the machine's ceiling in handshakes per CPU-second.
 */
export function measureCeiling(durationMs: number): {handshakesPerCpuSecond: number; microsecondsPerHandshake: number} {
  const repository = generateP256KeyPair();
  const subject = generateP256KeyPair();
  const client = generateEcdhKeyPair(systemRng);
  const clientSession = generateEcdhKeyPair(systemRng);
  const key = systemRng(32);
  const iv = systemRng(12);
  const message = systemRng(64);
  const a1Plaintext = systemRng(300);
  const a1 = aesGcmEncrypt(key, iv, a1Plaintext, message);
  const subjectSignature = ecdsaSign(subject.privateKey, message);
  const absorb = (h: Buffer) => sha256(h, message);

  const once = () => {
    let h = sha256(message);
    // A0.2 check, A0.3 sign, A0.4 derive
    isValidP256Point(client.publicKey);
    const ephemeral = generateEcdhKeyPair(systemRng);
    systemRng(48);
    for (let i = 0; i < 7; i++) h = absorb(h);
    ecdsaSign(repository.privateKey, h);
    h = absorb(h);
    const prk = hkdfExtract(h, ecdhSharedSecret(ephemeral, client.publicKey));
    hkdfExpand(prk, message, 32);
    hkdfExpand(prk, message, 32);
    // A2.1 decrypt, A2.2 verify, A2.3 sign, A2.4 derive, A2.5 encrypt
    aesGcmDecrypt(key, iv, a1, message);
    isValidP256Point(clientSession.publicKey);
    for (let i = 0; i < 4; i++) h = absorb(h);
    ecdsaVerify(subject.publicKey, h, subjectSignature);
    const session = generateEcdhKeyPair(systemRng);
    systemRng(28);
    for (let i = 0; i < 3; i++) h = absorb(h);
    ecdsaSign(repository.privateKey, h);
    h = absorb(h);
    const sprk = hkdfExtract(h, ecdhSharedSecret(session, clientSession.publicKey));
    const finishedKey = hkdfExpand(sprk, message, 32);
    hkdfExpand(sprk, message, 32);
    hkdfExpand(sprk, message, 32);
    const finished = hmacSha256(finishedKey, message, h);
    h = absorb(h);
    aesGcmEncrypt(key, iv, a1Plaintext.subarray(0, 200), message);
    // A3.5 confirm, then the session keys wrapped at rest
    constantTimeEqual(finished, finished);
    hmacSha256(finishedKey, message, h);
    aesGcmEncrypt(key, iv, message, message);
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
