import {generateKeyPairSync} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {classifyCredentialFile, completePath, displayPath, listCredentialFiles, resolveTypedPath} from '../../../src/cli/credential-files.js';

describe('credential files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rep-creds-'));
    const ec = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    writeFileSync(join(dir, 'locked.pem'), ec.privateKey.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}));
    writeFileSync(join(dir, 'locked.pub.pem'), ec.publicKey.export({type: 'spki', format: 'pem'}));
    writeFileSync(join(dir, 'open.pem'), ec.privateKey.export({type: 'pkcs8', format: 'pem'}));
    writeFileSync(join(dir, 'sec1.pem'), ec.privateKey.export({type: 'sec1', format: 'pem'}));
    writeFileSync(join(dir, 'p384.pem'), generateKeyPairSync('ec', {namedCurve: 'P-384'}).privateKey.export({type: 'pkcs8', format: 'pem'}));
    writeFileSync(join(dir, 'public.pem'), ec.publicKey.export({type: 'spki', format: 'pem'}));
    writeFileSync(join(dir, 'junk.pem'), 'hello');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'notes.txt'), '');
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('tells encrypted, unencrypted (checked: P-256 EC) and not-a-key apart, public keys left out', () => {
    const files = listCredentialFiles([dir, dir, join(dir, 'missing')]);
    const by = Object.fromEntries(files.map((f) => [f.path.slice(dir.length + 1), {kind: f.kind, problem: f.problem}]));
    expect(by).toEqual({
      'junk.pem': {kind: 'not-a-key', problem: 'not a PEM private key'},
      'locked.pem': {kind: 'encrypted', problem: undefined},
      'open.pem': {kind: 'unencrypted', problem: undefined},
      'p384.pem': {kind: 'unencrypted', problem: 'expected curve P-256, got secp384r1'},
      'public.pem': {kind: 'not-a-key', problem: 'a public key, not a private key'},
      'sec1.pem': {kind: 'unencrypted', problem: undefined},
    });
    expect(classifyCredentialFile(join(dir, 'nope.pem'))).toEqual({path: join(dir, 'nope.pem'), kind: 'not-a-key', problem: 'no such file'});
    expect(classifyCredentialFile(join(dir, 'sub')).problem).toBe('a folder, not a file');
  });

  it('completes typed paths like a shell', () => {
    expect(completePath('no', dir)).toEqual({value: 'notes.txt', candidates: []});
    expect(completePath('su', dir)).toEqual({value: 'sub/', candidates: []});
    expect(completePath('lo', dir)).toEqual({value: 'locked.p', candidates: ['locked.pem', 'locked.pub.pem']});
    expect(completePath(`${dir}/op`, '/')).toEqual({value: `${dir}/open.pem`, candidates: []});
    expect(completePath('zz', dir)).toEqual({value: 'zz', candidates: []});
    expect(completePath('missing/x', dir)).toEqual({value: 'missing/x', candidates: []});
  });

  it('resolves and shows paths', () => {
    expect(resolveTypedPath('a.pem', dir)).toBe(join(dir, 'a.pem'));
    expect(resolveTypedPath('/x/a.pem', dir)).toBe('/x/a.pem');
    expect(resolveTypedPath('~/a.pem', dir)).not.toContain('~');
    expect(displayPath(join(dir, 'a.pem'), [{dir, label: 'HOME'}])).toBe('HOME/a.pem');
    expect(displayPath('/elsewhere/a.pem', [{dir, label: 'HOME'}])).toBe('/elsewhere/a.pem');
  });
});
