import {ServerError, toErrorAnswer} from '../../server/errors.js';
import {HandshakeError} from '../../src/protocol/errors.js';

/** Builds an error shaped like one of fastify's (a code and a statusCode). */
function fastifyLike(code: string, statusCode: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`fastify says ${code}`), {code, statusCode, ...extra});
}

describe('toErrorAnswer', () => {
  it('passes a ServerError through', () => {
    expect(toErrorAnswer(new ServerError(409, 'organization_exists', 'exists'))).toEqual({
      status: 409,
      body: {error: 'organization_exists', message: 'exists'},
      unexpected: false,
    });
  });

  it('passes a HandshakeError through with its status and code', () => {
    const answer = toErrorAnswer(new HandshakeError('A1', 'handshake_failed', 'handshake failed', 403));
    expect(answer).toMatchObject({status: 403, body: {error: 'handshake_failed', message: 'handshake failed'}});
    expect(toErrorAnswer(new HandshakeError('A0', 'busy', 'try later', 503)).status).toBe(503);
  });

  it('passes through any 4xx error with a string code', () => {
    const custom = Object.assign(new Error('nope'), {status: 422, code: 'custom_refusal'});
    expect(toErrorAnswer(custom)).toMatchObject({status: 422, body: {error: 'custom_refusal', message: 'nope'}});
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, 'payload_too_large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, 'unsupported_media_type'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, 'malformed_json'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'malformed_json'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 400, 'bad_request'],
    ['FST_ERR_VALIDATION', 400, 400, 'bad_request'],
  ])('maps fastify %s to %i %s', (code, statusCode, status, error) => {
    expect(toErrorAnswer(fastifyLike(code, statusCode))).toMatchObject({status, body: {error}, unexpected: false});
  });

  it('maps a validation error to bad_request with fastify\'s message', () => {
    const error = fastifyLike('FST_ERR_VALIDATION', 400, {validation: [{}], message: 'body must have required property \'email\''});
    expect(toErrorAnswer(error).body).toEqual({error: 'bad_request', message: 'body must have required property \'email\''});
  });

  it.each([
    ['a plain Error', new Error('SQLITE_BUSY: database is locked at /secret/path')],
    ['a 5xx error with a code', Object.assign(new Error('db down'), {statusCode: 503, code: 'db_down'})],
    ['a thrown string', 'oops'],
    ['null', null],
  ])('hides %s behind a generic 500', (_label, error) => {
    expect(toErrorAnswer(error)).toEqual({
      status: 500,
      body: {error: 'internal_error', message: 'internal error'},
      unexpected: true,
    });
  });
});
