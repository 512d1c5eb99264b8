import {createECDH, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {generateP256KeyPair} from '../../src/crypto/private-keys.js';
import {generateP521KeyPair} from '../../src/crypto/p521.js';
import {encodeWirePublicKey} from '../../src/protocol/classic/keys.js';

/**
 * Keys and encodings the fuzzer mixes into requests, made once: valid P-256 points and SPKIs (so that a
 * mutation elsewhere is what gets refused), and invalid ones of every kind the parsers must refuse (off-curve,
 * compressed, hybrid, infinity, other curves and algorithms, explicit parameters, truncated and padded DER),
 * and for the classic suite base64 of PEM texts (P-521 valid; P-256, RSA, Ed25519, private keys, broken PEM).
 */
export interface FuzzMaterial {
  /** Valid uncompressed P-256 points, base64url. */
  readonly points: readonly string[];
  /** Invalid or foreign points, base64url. */
  readonly badPoints: readonly string[];
  /** Valid canonical P-256 SPKIs, base64url (POST /v2/organizations `public_key`). */
  readonly spkis: readonly string[];
  /** SPKIs and other DER/PEM texts POST /v2/organizations must refuse, base64url or not. */
  readonly badSpkis: readonly string[];
  /** Valid classic wire keys: base64 of a P-521 SPKI PEM. */
  readonly pems: readonly string[];
  /** Classic wire keys the server must refuse. */
  readonly badPems: readonly string[];
}

const b64u = (bytes: Uint8Array) => toBase64Url(bytes);
const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const pemOf = (key: KeyObject) => key.export({type: 'spki', format: 'pem'}).toString();

/** A P-256 SPKI with an explicit-parameters curve (openssl `-param_enc explicit`): must be refused. */
const EXPLICIT_PARAMETERS_SPKI =
  'MIIBSzCCAQMGByqGSM49AgEwgfcCAQEwLAYHKoZIzj0BAQIhAP____8AAAABAAAAAAAAAAAAAAAA________________MFsEIP____8AAAABAAAAAAAAAAAAAAAA_______________8BCBaxjXYqjqT57PrvVV2mIa8ZR0GsMxTsPY7zjw-J9JgSwMVAMSdNgiG5wSTamZ44ROdJreBn36QBEEEaxfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpZP40Li_hp_m47n60p8D54WK84zV2sxXs7LtkBoN79R9QIhAP____8AAAAA__________-85vqtpxeehPO5ysL8YyVRAgEBA0IABGRtero5P8aks9O4ID-CybLR5deCsfju34mf4EkcFXda9P31kEdTHsQr8a99yY_4itNnPPqPyoVudmce2Kq9yPc';

let cached: FuzzMaterial | undefined;

/** The material (made on first use, ~50 ms). */
export function fuzzMaterial(): FuzzMaterial {
  if (cached) return cached;
  const ecdh = Array.from({length: 4}, () => {
    const e = createECDH('prime256v1');
    e.generateKeys();
    return e;
  });
  const points = ecdh.map((e) => b64u(e.getPublicKey()));
  const offCurve = Buffer.from(ecdh[0].getPublicKey());
  offCurve[64] ^= 1;
  const p384 = createECDH('secp384r1');
  p384.generateKeys();
  const badPoints = [
    b64u(ecdh[0].getPublicKey(null, 'compressed')),
    b64u(ecdh[1].getPublicKey(null, 'hybrid')),
    b64u(offCurve),
    b64u(Buffer.alloc(65)),
    b64u(Buffer.concat([Buffer.of(4), Buffer.alloc(64, 0xff)])),
    b64u(Buffer.of(0)),
    b64u(p384.getPublicKey()),
    b64u(Buffer.concat([ecdh[2].getPublicKey(), Buffer.of(0)])),
    b64u(ecdh[3].getPublicKey().subarray(0, 64)),
  ];

  const p256 = Array.from({length: 3}, () => generateP256KeyPair().publicKey);
  const spkiDer = exportSpki(p256[0]);
  const compressedSpki = Buffer.concat([Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'), ecdh[0].getPublicKey(null, 'compressed')]);
  const p384Key = generateKeyPairSync('ec', {namedCurve: 'P-384'}).publicKey;
  const rsa = generateKeyPairSync('rsa', {modulusLength: 1024});
  const ed25519 = generateKeyPairSync('ed25519').publicKey;
  const p521 = Array.from({length: 3}, () => generateP521KeyPair());
  const badSpkis = [
    b64u(compressedSpki),
    EXPLICIT_PARAMETERS_SPKI,
    b64u(p384Key.export({type: 'spki', format: 'der'})),
    b64u(p521[0].publicKey.export({type: 'spki', format: 'der'})),
    b64u(rsa.publicKey.export({type: 'spki', format: 'der'})),
    b64u(ed25519.export({type: 'spki', format: 'der'})),
    b64u(spkiDer.subarray(0, 60)),
    b64u(Buffer.concat([spkiDer, Buffer.of(0)])),
    b64u(Buffer.concat([spkiDer.subarray(0, 90), Buffer.of(spkiDer[90] ^ 1)])),
    spkiDer.toString('base64'),
    pemOf(p256[1]),
    b64(pemOf(p256[1])),
    b64u(p256[2].export({type: 'spki', format: 'der'})).slice(0, -1),
  ];

  const p521Pem = pemOf(p521[1].publicKey);
  const badPems = [
    b64(pemOf(p256[0])),
    b64(pemOf(p384Key)),
    b64(pemOf(rsa.publicKey)),
    b64(pemOf(ed25519)),
    b64(p521[2].privateKey.export({type: 'pkcs8', format: 'pem'}).toString()),
    b64(p521Pem.replaceAll('\n', '\r\n')),
    b64(p521Pem.slice(0, 120)),
    b64(p521Pem.replace('PUBLIC KEY', 'PRIVATE KEY')),
    b64(`-----BEGIN PUBLIC KEY-----\n${b64('garbage that is not DER')}\n-----END PUBLIC KEY-----\n`),
    b64(p521[1].publicKey.export({type: 'spki', format: 'der'})),
    b64(`  ${p521Pem}`),
    p521Pem,
    b64(p521Pem).replaceAll('=', ''),
    b64(p521Pem).slice(0, 200),
    b64u(Buffer.from(p521Pem)),
  ];
  cached = {
    points,
    badPoints,
    spkis: p256.map((key) => b64u(exportSpki(key))),
    badSpkis,
    pems: p521.map((pair) => encodeWirePublicKey(pair.privateKey)),
    badPems,
  };
  return cached;
}
