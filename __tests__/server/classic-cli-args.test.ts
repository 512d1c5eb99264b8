import {parseServerArgs, UsageError} from '../../server/cli-args.js';

describe('rep-server --suite and --repo-key', () => {
  it('defaults to both suites and REP_HOME\'s classic key (fields absent)', () => {
    expect(parseServerArgs([], {})).toMatchObject({kind: 'serve', suites: undefined, classicKey: undefined});
  });

  it.each([
    ['both', ['v2', 'classic']],
    ['v2', ['v2']],
    ['classic', ['classic']],
  ])('--suite %s serves %j', (suite, suites) => {
    expect(parseServerArgs(['--suite', suite], {})).toMatchObject({suites});
  });

  it('takes the classic key file and its password (flag, else REP_REPO_KEY_PASSWORD)', () => {
    expect(parseServerArgs(['--suite', 'classic', '--repo-key', 'k.pem', '--repo-key-password', '123'], {})).toMatchObject({classicKey: {file: 'k.pem', password: '123'}});
    expect(parseServerArgs(['--repo-key', 'k.pem'], {REP_REPO_KEY_PASSWORD: 'env'})).toMatchObject({classicKey: {file: 'k.pem', password: 'env'}});
  });

  it.each([
    [['--suite', 'v3']],
    [['--repo-key-password', 'x']],
    [['--suite', 'v2', '--repo-key', 'k.pem']],
    [['subject', 'suspend', 'a', 'b', '--suite', 'classic']],
  ])('refuses %j', (args) => {
    expect(() => parseServerArgs(args, {})).toThrow(UsageError);
  });
});
