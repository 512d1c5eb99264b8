import {parseServerArgs, UsageError} from '../../server/cli-args.js';

describe('parseServerArgs', () => {
  it('defaults to serving on 127.0.0.1 and port 0', () => {
    expect(parseServerArgs([], {})).toEqual({kind: 'serve', host: '127.0.0.1', port: 0, log: false});
  });

  it('reads --host, --port and --log, and REP_PORT when --port is absent', () => {
    expect(parseServerArgs(['--host', '0.0.0.0', '--port', '8080', '--log'], {})).toEqual({
      kind: 'serve',
      host: '0.0.0.0',
      port: 8080,
      log: true,
    });
    expect(parseServerArgs([], {REP_PORT: '9000'})).toMatchObject({port: 9000});
    expect(parseServerArgs(['--port=7000'], {REP_PORT: '9000'})).toMatchObject({port: 7000});
  });

  it('recognises --help and -h', () => {
    expect(parseServerArgs(['--help'], {})).toEqual({kind: 'help'});
    expect(parseServerArgs(['-h'], {})).toEqual({kind: 'help'});
  });

  it('parses the subject admin commands', () => {
    expect(parseServerArgs(['subject', 'suspend', 'acme', 'alice'], {})).toEqual({
      kind: 'subject',
      action: 'suspend',
      organization: 'acme',
      username: 'alice',
    });
    expect(parseServerArgs(['subject', 'activate', 'acme', 'alice'], {})).toMatchObject({action: 'activate'});
  });

  it.each([
    [['--port', '65536']],
    [['--port', '-1']],
    [['--port', 'abc']],
    [['--bogus']],
    [['serve']],
    [['subject', 'delete', 'acme', 'alice']],
    [['subject', 'suspend', 'acme']],
    [['subject', 'suspend', 'acme', 'alice', 'extra']],
    [['subject', 'suspend', 'acme', 'alice', '--port', '1']],
  ])('refuses %j with a UsageError', (args) => {
    expect(() => parseServerArgs(args, {})).toThrow(UsageError);
  });

  it('refuses a bad REP_PORT with a sentence naming it', () => {
    expect(() => parseServerArgs([], {REP_PORT: 'http'})).toThrow(/REP_PORT/);
  });
});
