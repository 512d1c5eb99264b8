import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {createHttpTransport, TransportError, type JsonTransport} from '../../../src/client/transport.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const servers: http.Server[] = [];
const transports: JsonTransport[] = [];

/** Starts a real server on 127.0.0.1 port 0; `handler` gets the request with its body read. */
async function serve(handler: Handler): Promise<{url: string; requests: () => number; server: http.Server}> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count, server};
}

function transport(baseUrl: string, timeoutMs?: number): JsonTransport {
  const t = createHttpTransport({baseUrl, timeoutMs});
  transports.push(t);
  return t;
}

const json = (res: http.ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8'});
  res.end(JSON.stringify(value));
};

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((closed) => s.close(closed));
  }
});

describe('HTTP JSON transport on real sockets', () => {
  it('returns a 200 JSON answer with sizes, and sends the JSON body', async () => {
    const {url} = await serve((req, res, body) => json(res, 200, {method: req.method, path: req.url, got: JSON.parse(body)}));
    const answer = await transport(`${url}/`).request('POST', '/api/a0', {hello: 'world'});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({method: 'POST', path: '/api/a0', got: {hello: 'world'}});
    expect(answer.bytesSent).toBe(Buffer.byteLength('{"hello":"world"}'));
    expect(answer.bytesReceived).toBeGreaterThan(0);
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('returns a 4xx JSON error body with its status instead of throwing', async () => {
    const {url} = await serve((_req, res) => json(res, 401, {error: 'bad_signature', stage: 'A1'}));
    const answer = await transport(url).request('GET', '/orgs');
    expect(answer).toMatchObject({status: 401, body: {error: 'bad_signature', stage: 'A1'}});
  });

  it('reports an HTML answer as bad_response, quoting what came back', async () => {
    const {url} = await serve((_req, res) => {
      res.writeHead(200, {'content-type': 'text/html'});
      res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
    });
    const error = await failure(transport(url).request('GET', '/'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toContain('HTTP 200');
    expect(error.message).toContain('Welcome to nginx!');
  });

  it('reports a body that claims JSON but is not as bad_response', async () => {
    const {url} = await serve((_req, res) => {
      res.writeHead(500, {'content-type': 'application/json'});
      res.end('Internal Server Error');
    });
    const error = await failure(transport(url).request('GET', '/'));
    expect(error).toMatchObject({code: 'bad_response', url: `${url}/`});
    expect(error.message).toContain('HTTP 500');
  });

  it('reports a closed port as unreachable, saying what to check', async () => {
    const {url, server} = await serve(() => undefined);
    await new Promise((closed) => server.close(closed));
    const error = await failure(transport(url).request('GET', '/'));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/connection refused.*REP_ADDRESS/);
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const {url} = await serve(() => undefined);
    const started = Date.now();
    const error = await failure(transport(url, 200).request('GET', '/'));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('sends a request whose connection is reset exactly once (no automatic retry, POST or GET)', async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await failure(transport(server.url).request('POST', '/api/a1', {replay: 'me'}));
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('reset');
    expect(server.requests()).toBe(1);
    await failure(transport(server.url).request('GET', '/orgs'));
    expect(server.requests()).toBe(2);
  });

  it('reuses one kept-alive connection across requests', async () => {
    const sockets = new Set<unknown>();
    const {url} = await serve((req, res) => {
      sockets.add(req.socket);
      json(res, 200, {ok: true});
    });
    const t = transport(url);
    for (let i = 0; i < 3; i++) await t.request('GET', '/ping');
    expect(sockets.size).toBe(1);
  });

  it('refuses a base URL that is not http or https', () => {
    for (const bad of ['ftp://example.org', 'not a url', '127.0.0.1:5000']) {
      expect(() => createHttpTransport({baseUrl: bad})).toThrow(expect.objectContaining({code: 'invalid_url'}));
    }
  });
});
