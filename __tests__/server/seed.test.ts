import {readFileSync, statSync} from 'node:fs';
import {openRepositoryDb} from '../../server/db/repository-db.js';
import {DEMO_PASSWORD, demoCredentialFiles, seedDemo} from '../../server/seed.js';
import type {RepositoryDb} from '../../server/context.js';
import {exportSpki, importP256PublicKey} from '../../src/crypto/p256.js';
import {importPrivateKeyPem} from '../../src/crypto/private-keys.js';
import {makeSubjectKey, makeTempHome, type TempHome} from './server-fixtures.js';

describe('seedDemo', () => {
  let home: TempHome;
  let db: RepositoryDb;
  beforeEach(() => {
    home = makeTempHome();
    db = openRepositoryDb(':memory:');
  });
  afterEach(() => {
    db.close();
    home.remove();
  });

  it('creates acme/alice with credentials that load with DEMO_PASSWORD', () => {
    expect(seedDemo(db, home.paths)).toBe(true);
    const alice = db.findSubject('acme', 'alice');
    expect(alice).toMatchObject({fullName: 'Alice Demo', email: 'alice@acme.example', status: 'active'});
    const files = demoCredentialFiles(home.paths);
    expect(statSync(files.privateKey).mode & 0o777).toBe(0o600);
    const privateKey = importPrivateKeyPem(readFileSync(files.privateKey, 'utf8'), DEMO_PASSWORD);
    expect(exportSpki(privateKey).equals(alice!.publicKeySpki)).toBe(true);
    const publicKey = importP256PublicKey(readFileSync(files.publicKey, 'utf8'));
    expect(exportSpki(publicKey).equals(alice!.publicKeySpki)).toBe(true);
  });

  it('does nothing the second time', () => {
    expect(seedDemo(db, home.paths)).toBe(true);
    const pem = readFileSync(demoCredentialFiles(home.paths).privateKey, 'utf8');
    expect(seedDemo(db, home.paths)).toBe(false);
    expect(readFileSync(demoCredentialFiles(home.paths).privateKey, 'utf8')).toBe(pem);
    expect(db.listOrganizations()).toHaveLength(1);
  });

  it('does nothing when any organization exists', () => {
    db.createOrganization({name: 'other', username: 'bob', fullName: 'Bob', email: 'b@x.org', publicKeySpki: makeSubjectKey().spki});
    expect(seedDemo(db, home.paths)).toBe(false);
    expect(db.findSubject('acme', 'alice')).toBeUndefined();
  });
});
