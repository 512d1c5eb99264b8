import {wantsWizard} from '../../../src/cli/wizard-args.js';

describe('wantsWizard (rep-create-session on a terminal)', () => {
  it('opens the wizard when arguments are missing', () => {
    expect(wantsWizard([])).toBe(true);
    expect(wantsWizard(['acme', 'alice'])).toBe(true);
    expect(wantsWizard(['acme', 'alice', 'alice.pem', '--trace'])).toBe(true);
    expect(wantsWizard(['--suite', 'v2', 'acme'])).toBe(true);
  });

  it('runs the command when every argument is there, or for --json, --help, another suite', () => {
    expect(wantsWizard(['acme', 'alice', 'alice.pem', 'session.json'])).toBe(false);
    expect(wantsWizard(['acme', 'alice', 'pw', 'alice.pem', 'session.json'])).toBe(false);
    expect(wantsWizard(['acme', '--', '-x', 'a.pem', 's.json'])).toBe(false);
    expect(wantsWizard(['--json'])).toBe(false);
    expect(wantsWizard(['--help'])).toBe(false);
    expect(wantsWizard(['--suite', 'classic'])).toBe(false);
    expect(wantsWizard(['--suite=classic', 'acme'])).toBe(false);
  });
});
