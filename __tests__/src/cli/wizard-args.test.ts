import {wizardSuite} from '../../../src/cli/wizard-args.js';

describe('wizardSuite (rep-create-session on a terminal)', () => {
  it('opens the wizard when arguments are missing, with the suite asked for (if any) to preselect', () => {
    expect(wizardSuite([])).toEqual({});
    expect(wizardSuite(['acme', 'alice'])).toEqual({});
    expect(wizardSuite(['acme', 'alice', 'alice.pem', '--trace'])).toEqual({});
    expect(wizardSuite(['--suite', 'v2', 'acme'])).toEqual({suite: 'v2'});
    expect(wizardSuite(['--suite', 'classic'])).toEqual({suite: 'classic'});
    expect(wizardSuite(['--suite=classic', 'acme'])).toEqual({suite: 'classic'});
  });

  it('runs the command when every argument is there, or for --json, --help, an unknown suite', () => {
    expect(wizardSuite(['acme', 'alice', 'alice.pem', 'session.json'])).toBeUndefined();
    expect(wizardSuite(['acme', 'alice', 'pw', 'alice.pem', 'session.json'])).toBeUndefined();
    expect(wizardSuite(['acme', 'alice', 'pw', 'a.pem', 's.json', '--suite', 'classic'])).toBeUndefined();
    expect(wizardSuite(['acme', '--', '-x', 'a.pem', 's.json'])).toBeUndefined();
    expect(wizardSuite(['--json'])).toBeUndefined();
    expect(wizardSuite(['--suite', 'classic', '--json'])).toBeUndefined();
    expect(wizardSuite(['--help'])).toBeUndefined();
    expect(wizardSuite(['--suite', 'tls'])).toBeUndefined();
  });
});
