import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {BUILD_TIMEOUT_MS, ensureBuilt, makeTempHome, removeTempHomes, runCli, startStandaloneServer, type StandaloneServer} from '../helpers/cli.js';
import {hasTmux, startTmux, type TmuxSession} from '../helpers/tmux.js';

const describeTmux = hasTmux ? describe : describe.skip;

/**
 * The real app process against a real classic-only repository (`rep-server --suite classic`, as a reference
 * repository serves only the classic suite), pinned through REP_ADDRESS and REP_PUB_KEY = its P-521 key.
 */
describeTmux('the app under tmux against an external classic-only repository', () => {
  let session: TmuxSession | undefined;
  let server: StandaloneServer | undefined;
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
  afterEach(async () => {
    session?.kill();
    await server?.stop();
    removeTempHomes();
  });

  it('pins the classic key, lists the organizations over the classic route, and creates a classic session', async () => {
    const serverHome = makeTempHome('rep-tui-classic-server-');
    server = await startStandaloneServer(serverHome, {args: ['--suite', 'classic']});
    const home = makeTempHome('rep-tui-classic-app-');
    const env = {REP_HOME: home, REP_ADDRESS: server.url, REP_PUB_KEY: join(serverHome, 'server', 'classic-repository-key.pub.pem')};
    mkdirSync(join(home, 'credentials'));
    const key = join(home, 'credentials', 'erin.pem');
    expect((await runCli('rep-subject-credentials', ['pw521', key, '--suite', 'classic'], {env})).code).toBe(0);
    expect((await runCli('rep-create-org', ['refco', 'erin', 'Erin E', 'erin@refco.example', join(home, 'credentials', 'erin.pub.pem'), '--suite', 'classic'], {env})).code).toBe(0);

    session = startTmux('node dist/bin/rep.js', env, {columns: 100, rows: 30});
    const home0 = await session.waitFor('Create a session');
    expect(home0).toContain(`repository ${server.url}`);
    expect(home0).toContain(`key ${server.fingerprint.slice(0, 16)}… · suite classic`);
    await session.send('Enter');
    await session.waitFor('❯ refco', 15_000);
    await session.send('Enter');
    await session.waitFor('Username in refco');
    await session.send(...'erin', 'Enter');
    const suites = await session.waitFor('Suite for refco/erin');
    expect(suites).toMatch(/❯ classic/);
    await session.send('Enter');
    await session.waitFor('erin.pem');
    await session.send('Enter');
    await session.waitFor((screen) => screen.toLowerCase().includes('password'));
    await session.send(...'pw521', 'Enter');
    const done = await session.waitFor((screen) => /Session \S+ stored/.test(screen), 20_000);
    expect(done).toContain('refco/erin');
    await session.send('q');
    await session.waitFor(() => session!.exited());
    const listed = JSON.parse((await runCli('rep-sessions', ['list', '--json'], {env})).stdout);
    expect(listed.sessions).toEqual([expect.objectContaining({organization: 'refco', username: 'erin', suite: 'classic', server_url: server.url})]);
  }, 90_000);
});
