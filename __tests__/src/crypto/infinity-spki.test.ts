// An SPKI whose point is the point at infinity (BIT STRING 00) imports in OpenSSL, and reading its details
// aborts node 20 (crypto_ec.cc "Assertion failed: (ec) != nullptr"): one request would kill the server. The
// importers must refuse it with a clean error before touching anything that aborts. Found by `rep attack` (T10).
import {importP256PublicKey} from '../../../src/crypto/p256.js';
import {importP521PublicKey} from '../../../src/crypto/p521.js';

const P256_INFINITY = Buffer.from('3019301306072a8648ce3d020106082a8648ce3d03010703020000', 'hex');
const P521_INFINITY = Buffer.from('3016301006072a8648ce3d020106052b8104002303020000', 'hex');
const pem = (der: Buffer) => `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;

describe('the point at infinity in an SPKI', () => {
  it.each([
    ['P-256 DER', () => importP256PublicKey(P256_INFINITY)],
    ['P-256 PEM', () => importP256PublicKey(pem(P256_INFINITY))],
    ['P-521 DER', () => importP521PublicKey(P521_INFINITY)],
    ['P-521 PEM', () => importP521PublicKey(pem(P521_INFINITY))],
    ['P-521 given to the P-256 importer', () => importP256PublicKey(P521_INFINITY)],
    ['P-256 given to the P-521 importer', () => importP521PublicKey(P256_INFINITY)],
  ])('%s is refused with invalid_point (the process survives)', (_name, importKey) => {
    expect(importKey).toThrow(expect.objectContaining({name: 'CryptoError', code: 'invalid_point'}));
  });
});
