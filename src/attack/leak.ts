import type {KeyObject} from 'node:crypto';
import {ecdhKeyPairFromPrivate} from '../crypto/ecdh.js';
import {canonicalP521Spki, generateP521KeyPair, P521_BYTES} from '../crypto/p521.js';
import {systemRng, type Rng} from '../crypto/random.js';

/**
 * The `net+eph` attacker's knowledge (T6): the private key of one server ephemeral key from an earlier run,
 * "e.g. one a demo screen printed". The lab's repository draws its randomness through {@link rng}, which
 * remembers the last scalar-sized draws; {@link p256} / {@link p521} give the private key behind an
 * ephemeral public key the server sent recently — the stand-in for that printed screen.
 */
export interface EphemeralLeak {
  /** The server's randomness (the OS CSPRNG, with the recent key-sized draws remembered). */
  readonly rng: Rng;
  /** The 32-byte P-256 scalar whose public point is `point` (a v2 `server_ephemeral`), if drawn recently. */
  p256(point: Buffer): Buffer | undefined;
  /** The P-521 private key whose public key is `publicKey` (a classic server ephemeral), if drawn recently. */
  p521(publicKey: KeyObject): KeyObject | undefined;
}

const REMEMBERED = 256;

/** A P-521 key from a drawn scalar, the way generateP521KeyPair builds it (undefined if it was rejected). */
function p521FromScalar(scalar: Buffer): KeyObject | undefined {
  let used = false;
  try {
    return generateP521KeyPair(() => {
      if (used) throw new Error('rejected scalar');
      used = true;
      return Buffer.from(scalar);
    }).privateKey;
  } catch {
    return undefined;
  }
}

/** Creates the leak over the OS CSPRNG. */
export function createEphemeralLeak(): EphemeralLeak {
  const draws: Buffer[] = [];
  const rng: Rng = (length) => {
    const bytes = systemRng(length);
    if (length === 32 || length === P521_BYTES) {
      draws.push(Buffer.from(bytes));
      if (draws.length > REMEMBERED) draws.shift();
    }
    return bytes;
  };
  return {
    rng,
    p256(point) {
      for (const draw of [...draws].reverse()) {
        if (draw.length !== 32) continue;
        try {
          if (ecdhKeyPairFromPrivate(draw).publicKey.equals(point)) return draw;
        } catch {
          // not a valid scalar
        }
      }
      return undefined;
    },
    p521(publicKey) {
      const wanted = canonicalP521Spki(publicKey);
      for (const draw of [...draws].reverse()) {
        if (draw.length !== P521_BYTES) continue;
        const key = p521FromScalar(draw);
        if (key && canonicalP521Spki(key).equals(wanted)) return key;
      }
      return undefined;
    },
  };
}
