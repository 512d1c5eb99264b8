import {createECDH, generateKeyPairSync, randomBytes, sign} from 'node:crypto';
import Fastify from 'fastify';

/**
 * A bare fastify server for the benchmark's loaded HTTP overhead: one POST route that does `units` of
 * node:crypto work (a P-256 key pair from random bytes, an ECDH and an ECDSA signature each, about a third of
 * a v2 handshake's server crypto per unit) and echoes a JSON body through a schema, configured like the
 * bundled server (JSON only, body limit, request timeout, error-level logger). Run as a child process:
 * `node crypto-route-server.js <units>`; prints its URL, then the CPU-µs one request's work costs alone,
 * measured in a tight loop in this process.
 */
const units = Number(process.argv[2] ?? 0);
const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
const peer = createECDH('prime256v1');
peer.generateKeys();
const peerPublicKey = peer.getPublicKey();
const digest = Buffer.alloc(32, 1);
const work = () => {
  for (let i = 0; i < units; i++) {
    const ephemeral = createECDH('prime256v1');
    ephemeral.setPrivateKey(randomBytes(32));
    ephemeral.computeSecret(peerPublicKey);
    sign(null, digest, {key: privateKey, dsaEncoding: 'ieee-p1363'});
  }
};

const app = Fastify({logger: {level: 'error', stream: process.stderr}, bodyLimit: 16 * 1024, requestTimeout: 30_000, ajv: {customOptions: {removeAdditional: false, coerceTypes: false}}});
app.removeContentTypeParser('text/plain');
const field = {type: 'string', pattern: '^[A-Za-z0-9_-]*$', maxLength: 1024};
const echo = {type: 'object', additionalProperties: false, required: ['a', 'b'], properties: {a: field, b: field}};
app.post<{Body: {a: string; b: string}}>('/work', {schema: {body: echo, response: {200: echo}}}, async (request) => {
  work();
  return {a: request.body.a, b: request.body.b};
});
await app.listen({host: '127.0.0.1', port: 0});
const address = app.server.address();
console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
if (units === 0) {
  console.log('work 0');
} else {
  for (let i = 0; i < 200; i++) work();
  const before = process.cpuUsage();
  for (let i = 0; i < 2000; i++) work();
  const used = process.cpuUsage(before);
  console.log(`work ${(used.user + used.system) / 2000}`);
}
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
