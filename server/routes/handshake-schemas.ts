/** JSON schemas of the v2 handshake bodies: shape and size limits, checked by fastify before any work. */
const b64u = (maxLength: number) => ({type: 'string', pattern: '^[A-Za-z0-9_-]*$', maxLength});

export const a0Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'client_ephemeral', 'client_nonce', 'timestamp'],
  properties: {version: {type: 'string', maxLength: 32}, client_ephemeral: b64u(100), client_nonce: b64u(64), timestamp: {type: 'integer', minimum: 0}},
} as const;

export const a1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['channel_id', 'iv', 'ciphertext', 'tag'],
  properties: {channel_id: b64u(32), iv: b64u(32), ciphertext: b64u(2800), tag: b64u(32)},
} as const;

export const a3Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['session_id', 'finished'],
  properties: {session_id: b64u(32), finished: b64u(64)},
} as const;

export const sessionRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['session_id', 'sequence', 'ciphertext', 'tag'],
  properties: {session_id: b64u(32), sequence: {type: 'integer', minimum: 1}, ciphertext: b64u(11000), tag: b64u(32)},
} as const;

const answer = (fields: Record<string, number>) => ({
  200: {type: 'object', required: Object.keys(fields), properties: Object.fromEntries(Object.entries(fields).map(([k, max]) => [k, b64u(max)]))},
});

/** Answer schemas: fastify serializes them with a compiled serializer (and drops nothing we send). */
export const a0AnswerSchema = answer({channel_id: 32, server_ephemeral: 100, server_nonce: 64, signature: 100});
export const a2AnswerSchema = answer({iv: 32, ciphertext: 2800, tag: 32});
export const a3AnswerSchema = answer({finished: 64});
