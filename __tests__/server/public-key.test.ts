import {createPublicKey, ECDH, generateKeyPairSync} from 'node:crypto';
import {parseSubjectPublicKey} from '../../server/routes/public-key.js';
import {fromBase64Url, toBase64Url} from '../../src/crypto/bytes.js';
import {EXPLICIT_PARAMETERS_SPKI, makeSubjectKey} from './server-fixtures.js';

const COMPRESSED_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

function compressedSpki(): string {
  const {spki} = makeSubjectKey();
  const compressed = ECDH.convertKey(spki.subarray(spki.length - 65), 'prime256v1', undefined, undefined, 'compressed');
  return toBase64Url(Buffer.concat([COMPRESSED_SPKI_PREFIX, compressed as Buffer]));
}

function compressedSpkiIsReadable(): boolean {
  return createPublicKey({key: fromBase64Url(compressedSpki()), format: 'der', type: 'spki'}).asymmetricKeyType === 'ec';
}

describe('parseSubjectPublicKey (property 8)', () => {
  it('returns the DER of a canonical P-256 SPKI', () => {
    const {spki, publicKey} = makeSubjectKey();
    expect(parseSubjectPublicKey(publicKey).equals(spki)).toBe(true);
  });

  it('the compressed-point fixture is a readable key (so its refusal is the canonical-encoding check)', () => {
    expect(compressedSpkiIsReadable()).toBe(true);
  });

  const refused: Array<[string, () => string]> = [
    ['explicit curve parameters', () => EXPLICIT_PARAMETERS_SPKI],
    ['a compressed point', compressedSpki],
    ['a P-384 key', () => toBase64Url(generateKeyPairSync('ec', {namedCurve: 'P-384'}).publicKey.export({type: 'spki', format: 'der'}))],
    ['an Ed25519 key', () => toBase64Url(generateKeyPairSync('ed25519').publicKey.export({type: 'spki', format: 'der'}))],
    ['the point at infinity', () => toBase64Url(Buffer.concat([makeSubjectKey().spki.subarray(0, 26), Buffer.of(0)]))],
    ['an all-zero point', () => toBase64Url(Buffer.concat([makeSubjectKey().spki.subarray(0, 27), Buffer.alloc(64)]))],
    ['an empty string', () => ''],
  ];
  it.each(refused)('refuses %s with invalid_public_key', (_label, make) => {
    expect(() => parseSubjectPublicKey(make())).toThrow(expect.objectContaining({status: 400, code: 'invalid_public_key'}));
  });
});
