import {statSync} from 'node:fs';
import {createServerContext} from '../../server/context-factory.js';
import {formatUrl, startRepositoryServer} from '../../server/listen.js';
import {seededRng} from '../../src/crypto/random.js';
import {httpRequest, makeTempHome, organizationBody, type TempHome} from './server-fixtures.js';

describe('createServerContext', () => {
  let home: TempHome;
  beforeEach(() => {
    home = makeTempHome();
  });
  afterEach(() => home.remove());

  it('creates folders, keys and database, seeds once, and keeps the key across restarts', () => {
    const first = createServerContext({paths: home.paths});
    expect(first.seeded).toBe(true);
    expect(statSync(home.paths.serverDir).mode & 0o777).toBe(0o700);
    expect(first.db.findSubject('acme', 'alice')?.status).toBe('active');
    first.db.close();
    const second = createServerContext({paths: home.paths});
    expect(second.seeded).toBe(false);
    expect(second.repository.fingerprint).toBe(first.repository.fingerprint);
    second.db.close();
  });

  it('does not seed when asked not to, and uses the injected clock and rng', () => {
    const rng = seededRng('x');
    const context = createServerContext({paths: home.paths, seed: false, clock: () => 42, rng});
    expect(context.seeded).toBe(false);
    expect(context.db.listOrganizations()).toEqual([]);
    expect(context.clock()).toBe(42);
    expect(context.rng).toBe(rng);
    context.db.createOrganization({name: 'o', username: 'u', fullName: 'U', email: 'u@x.org', publicKeySpki: Buffer.from([1])});
    expect(context.db.listOrganizations()[0].createdAt).toBe(42);
    context.db.close();
  });

  it('deletes expired sessions on start', () => {
    let now = 1000;
    const first = createServerContext({paths: home.paths, clock: () => now});
    const row = {suite: 'v2', organization: 'acme', username: 'alice', wrappedKeys: Buffer.from([1]), createdAt: 1000, lastSequence: 0};
    first.db.insertSession({...row, id: 'expired', expiresAt: 1500});
    first.db.insertSession({...row, id: 'live', expiresAt: 5000});
    first.db.close();
    now = 2000;
    const second = createServerContext({paths: home.paths, clock: () => now});
    expect(second.db.getSession('expired')).toBeUndefined();
    expect(second.db.getSession('live')).toBeDefined();
    second.db.close();
  });
});

describe('startRepositoryServer', () => {
  let home: TempHome;
  beforeEach(() => {
    home = makeTempHome();
  });
  afterEach(() => home.remove());

  it('listens on 127.0.0.1 with a free port, serves, then closes app and database', async () => {
    const server = await startRepositoryServer({paths: home.paths});
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    expect(server.fingerprint).toBe(server.context.repository.fingerprint);
    expect((await httpRequest(server.url, 'GET', '/v2/health')).json()).toEqual({ok: true});
    const created = await httpRequest(server.url, 'POST', '/v2/organizations', {
      body: JSON.stringify(organizationBody('initech')),
      headers: {'content-type': 'application/json'},
    });
    expect(created.status).toBe(201);
    const repository = (await httpRequest(server.url, 'GET', '/v2/repository')).json();
    expect(repository.fingerprint).toBe(server.fingerprint);
    await server.close();
    await server.close(); // idempotent
    expect(() => server.context.db.listOrganizations()).toThrow();
    await expect(httpRequest(server.url, 'GET', '/v2/health')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('closes the database when it cannot listen', async () => {
    const first = await startRepositoryServer({paths: home.paths});
    const port = Number(new URL(first.url).port);
    const context = createServerContext({paths: home.paths});
    await expect(startRepositoryServer({paths: home.paths, port, context})).rejects.toMatchObject({code: 'EADDRINUSE'});
    expect(() => context.db.countSessions()).toThrow();
    await first.close();
  });

  it('formats IPv6 hosts in brackets', () => {
    expect(formatUrl('::1', 8080)).toBe('http://[::1]:8080');
    expect(formatUrl('127.0.0.1', 80)).toBe('http://127.0.0.1:80');
  });
});
