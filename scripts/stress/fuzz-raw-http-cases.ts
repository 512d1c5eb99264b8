import fc from 'fast-check';
import type {FuzzCase} from './fuzz-case-types.js';
import {bytes} from './fuzz-values.js';

/**
 * Raw-HTTP cases: broken HTTP written straight to a TCP connection (random bytes, or hand-made requests with
 * bad framing: truncated bodies, bad chunking, two content lengths, HTTP/2 preface, huge headers, pipelining),
 * the connection then ended or aborted.
 */

/** Broken HTTP on a raw connection. */
export const socketCase: fc.Arbitrary<FuzzCase> = fc.record({
  kind: fc.constant<'socket'>('socket'),
  route: fc.constant<'raw-socket'>('raw-socket'),
  close: fc.constantFrom<'end' | 'abort'>('end', 'abort'),
  bytes: fc.oneof(
    bytes(1, 800),
    fc.constantFrom(
      'GET /v2/health HTTP/1.1\r\nHost: x\r\n',
      'POST /v2/session/a0 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"version":',
      'GET /organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"public',
      'POST /sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /v2/session/a1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}',
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      'G\u0000T /v2/health HTTP/1.1\r\n\r\n',
      'GET /v2/health HTTP/9.9\r\nHost: x\r\n\r\n',
      `GET /v2/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      'GET /v2/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v2/repository HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n',
      'POST /v2/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
      'GET /organizations/a/sessions/1/roles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"dat\r\n',
      '\r\n\r\n\r\n',
    ).map((text) => Buffer.from(text, 'latin1') as Uint8Array),
  ),
});
