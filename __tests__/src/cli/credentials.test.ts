import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadSubjectKey, writeCredentials} from '../../../src/cli/credentials.js';

describe('writing credentials (rep-subject-credentials, the wizard\'s "generate")', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rep-write-creds-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('writes both halves, and the private key unlocks with its password', () => {
    writeCredentials(join(dir, 'erin.pem'), 'pw', false, 'classic');
    expect(readdirSync(dir).sort()).toEqual(['erin.pem', 'erin.pub.pem']);
    expect(loadSubjectKey(join(dir, 'erin.pem'), 'pw', 'classic').asymmetricKeyDetails?.namedCurve).toBe('secp521r1');
  });

  it('says which folder is missing instead of "cannot read … no such file", and writes nothing', () => {
    const file = join(dir, 'credentials', 'erin.pem');
    expect(() => writeCredentials(file, 'pw')).toThrow(`cannot write ${file}: the folder ${join(dir, 'credentials')} does not exist: create it first or choose another path.`);
    expect(existsSync(join(dir, 'credentials'))).toBe(false);
  });

  it('leaves no private key behind when its public half cannot be written', () => {
    mkdirSync(join(dir, 'erin.pub.pem')); // a folder where the public key goes
    expect(() => writeCredentials(join(dir, 'erin.pem'), 'pw', true)).toThrow(/cannot write .*erin\.pub\.pem: it is a folder: give a file name\./);
    expect(existsSync(join(dir, 'erin.pem'))).toBe(false);
  });
});
