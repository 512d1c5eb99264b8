import type {FastifyReply, FastifyRequest} from 'fastify';
import {ServerError} from '../errors.js';

/** The content type the reference's Flask answers its `json.dumps` strings with (README §1, message 2). */
export const REFERENCE_CONTENT_TYPE = 'text/html; charset=utf-8';

/** Sends a JSON text exactly as given, with the reference's content type (and `nosniff`: it is JSON). */
export function sendReferenceText(reply: FastifyReply, status: number, text: string, contentType = REFERENCE_CONTENT_TYPE): FastifyReply {
  return reply.code(status).header('x-content-type-options', 'nosniff').header('content-type', contentType).send(text);
}

/**
 * The JSON body of a GET request (fastify parses no GET bodies; the reference's client sends them with
 * `requests(json=…)`): `application/json` only (415), at most the app's body limit (413), valid JSON (400).
 */
export async function readGetJsonBody(request: FastifyRequest): Promise<unknown> {
  const limit = request.routeOptions.bodyLimit ?? 16 * 1024;
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new ServerError(415, 'unsupported_media_type', 'the body must be sent as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request.raw) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new ServerError(413, 'payload_too_large', 'the request body is too large');
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ServerError) throw error;
    // The client closed the connection mid-body (ECONNRESET "aborted"): a client error, not the server's.
    throw new ServerError(400, 'bad_request', 'the request body was not received completely');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ServerError(400, 'malformed_json', 'the request body is not valid JSON');
  }
}

/** True when a request body is a phase-1 key exchange (the reference dispatches on a top-level `public_key`). */
export function isKeyExchange(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'public_key');
}
