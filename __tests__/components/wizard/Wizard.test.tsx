import React from 'react';
import {generateKeyPairSync} from 'node:crypto';
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DepsProvider} from '../../../components/deps.js';
import type {SessionRequest} from '../../../components/hooks/app-reducer.js';
import {Wizard} from '../../../components/wizard/Wizard.js';
import {loadSubjectKey} from '../../../src/cli/credentials.js';
import {importP521PublicKey} from '../../../src/crypto/p521.js';
import {exportSpki} from '../../../src/crypto/p256.js';
import {KEY, renderInk, type Rendered} from '../../helpers/ink.js';
import {startTestApp, type TestApp} from '../../helpers/app-deps.js';

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('Wizard', () => {
  let app: TestApp;
  let done: SessionRequest[];
  let backs: number;
  let ui: Rendered;
  beforeEach(async () => {
    app = await startTestApp();
    done = [];
    backs = 0;
    ui = await renderInk(<DepsProvider deps={app.deps}><Wizard onBack={() => backs++} onDone={(request) => done.push(request)} /></DepsProvider>);
    await ui.waitFor('❯ acme');
  });
  afterEach(async () => {
    await ui.unmount();
    await app.close();
  });
  const waitForText = (text: string) => ui.waitFor((f) => flat(f).includes(text));
  const clear = (count: number) => ui.press(...Array<string>(count).fill(KEY.backspace));
  const toKeyStep = async (suite: 'v2' | 'classic' = 'v2') => {
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await ui.press(KEY.enter);
    await ui.waitFor('Suite for acme/alice');
    if (suite === 'classic') {
      await ui.press(KEY.down);
      await ui.waitFor('❯ classic');
    }
    await ui.press(KEY.enter);
    await ui.waitFor('Private key of alice');
  };

  it('Enter through the defaults gives acme, alice, v2, the demo key with its password prefilled (said on screen)', async () => {
    await toKeyStep();
    expect(ui.frame()).toContain('❯ REP_HOME/credentials/alice.pem');
    expect(ui.frame()).toContain('❯ REP_HOME/credentials/alice.pem   encrypted P-256 · demo, password prefilled\n');
    expect(flat(ui.frame())).toContain('acme · alice · suite v2');
    await ui.press(KEY.enter);
    expect(flat(await ui.waitFor('prefilled'))).toContain('seeded demo key, whose password is the documented demo password (alice-demo)');
    expect(ui.frame()).toContain('Enter unlocks the key and starts the handshake');
    await ui.press(KEY.enter);
    await ui.waitFor(() => done.length === 1);
    expect(done).toEqual([{organization: 'acme', username: 'alice', credentialsFile: join(app.home, 'credentials', 'alice.pem'), password: 'alice-demo', suite: 'v2'}]);
  });

  it('preselects the suite it was opened with (rep-create-session --suite classic on a terminal)', async () => {
    const classic = await renderInk(<DepsProvider deps={app.deps}><Wizard suite="classic" onBack={() => {}} onDone={(request) => done.push(request)} /></DepsProvider>);
    await classic.waitFor('❯ acme');
    await classic.press(KEY.enter);
    await classic.waitFor('Username in acme');
    await classic.press(KEY.enter);
    await classic.waitFor('Suite for acme/alice');
    expect(classic.frame()).toMatch(/❯ classic/);
    await classic.press(KEY.enter);
    expect(flat(await classic.waitFor('Private key of alice'))).toContain('acme · alice · suite classic');
    await classic.unmount();
  });

  it('offers both suites before the key, v2 first; Esc from the key step returns to the suite chosen', async () => {
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await ui.press(KEY.enter);
    const frame = flat(await ui.waitFor('Suite for acme/alice'));
    expect(frame).toContain('❯ v2 the hardened suite (docs/PROTOCOL.md) · P-256 keys');
    expect(frame).toContain("classic the SIO 2024/25 reference's wire format · P-521 keys");
    expect(frame).toMatch(/✓ organization › ✓ username › ▸ suite › private key/);
    await ui.press(KEY.down);
    await ui.waitFor((f) => f.includes('❯ classic') && flat(f).includes('weaknesses included'));
    await ui.press(KEY.enter);
    await ui.waitFor((f) => flat(f).includes('Private key of alice (P-521, for the classic suite)'));
    await ui.press(KEY.escape);
    await ui.waitFor('❯ classic');
  });

  it('validates the username with the reason, and Esc goes back one step keeping what was typed', async () => {
    await ui.type('ac');
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await clear(5);
    await ui.press(KEY.enter);
    await ui.waitFor('the username must not be empty');
    await ui.type('x'.repeat(65));
    await ui.press(KEY.enter);
    await ui.waitFor('the username is 65 characters long: at most 64');
    await clear(65);
    await ui.type('bob');
    await ui.waitFor((f) => !f.includes('65 characters') && f.includes('bob'));
    await ui.press(KEY.enter);
    await ui.waitFor('Suite for acme/bob');
    await ui.press(KEY.enter);
    await ui.waitFor('Private key of bob');
    await ui.press(KEY.escape);
    await ui.waitFor('Suite for acme/bob');
    await ui.press(KEY.escape);
    await ui.waitFor((f) => f.includes('Username in acme') && f.includes('bob'));
    await ui.press(KEY.escape);
    await ui.waitFor((f) => f.includes('filter ac') && f.includes('❯ acme'));
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Username in acme bob'));
    expect(backs).toBe(0);
    await ui.press(KEY.escape, KEY.escape);
    await ui.waitFor(() => backs === 1);
  });

  it('filters as you type, offering to create the organization when nothing matches', async () => {
    await ui.type('zeta');
    const frame = await ui.waitFor('no organization matches the filter');
    expect(frame).not.toContain('acme');
    expect(flat(frame)).toContain('❯ + create a new organization named "zeta"');
  });

  it('says a password is wrong and lets the user try again', async () => {
    await toKeyStep();
    await ui.press(KEY.enter);
    await ui.waitFor('prefilled');
    await clear(10);
    await ui.type('nope');
    await ui.press(KEY.enter);
    await ui.waitFor('wrong password for alice.pem: try again');
    await ui.type('alice-demo');
    await ui.press(KEY.enter);
    await ui.waitFor(() => done.length === 1);
    expect(done[0]).toMatchObject({password: 'alice-demo', suite: 'v2'});
  });

  it('says what a key of the wrong kind is, listed and once unlocked', async () => {
    const dir = app.deps.paths.credentialsDir;
    const rsa = generateKeyPairSync('rsa', {modulusLength: 1024});
    writeFileSync(join(dir, 'b-rsa.pem'), rsa.privateKey.export({type: 'pkcs8', format: 'pem'}));
    writeFileSync(join(dir, 'c-p384.pem'), generateKeyPairSync('ec', {namedCurve: 'P-384'}).privateKey.export({type: 'pkcs8', format: 'pem'}));
    writeFileSync(join(dir, 'd-rsa-locked.pem'), rsa.privateKey.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}));
    await toKeyStep();
    const list = await ui.waitFor('b-rsa.pem');
    expect(list).toContain('wrong kind: expected an EC key, got rsa');
    expect(list).toContain('wrong curve: P-384, v2 needs P-256');
    expect(list).toContain('alice.pem');
    expect(list).not.toContain('alice.pub.pem');
    await ui.press(KEY.down);
    await ui.waitFor('❯ REP_HOME/credentials/b-rsa.pem');
    await ui.press(KEY.enter);
    await waitForText('b-rsa.pem is the wrong kind of key (expected an EC key, got rsa): the v2 suite needs a P-256 EC key');
    await ui.press(KEY.down);
    await ui.waitFor('❯ REP_HOME/credentials/c-p384.pem');
    await ui.press(KEY.enter);
    await waitForText('c-p384.pem is a P-384 key, but the v2 suite needs a P-256 key: choose another key or generate new credentials');
    await ui.press(KEY.up);
    await ui.press(KEY.down, KEY.down);
    await ui.waitFor('❯ REP_HOME/credentials/d-rsa-locked.pem');
    await ui.press(KEY.enter);
    await ui.waitFor('Password for d-rsa-locked.pem');
    expect(ui.frame()).not.toContain('prefilled');
    await ui.type('pw');
    await ui.press(KEY.enter);
    await waitForText('d-rsa-locked.pem is not an EC key (expected an EC key, got rsa)');
  });

  it('takes a typed path with Tab completion', async () => {
    writeFileSync(join(app.home, 'notes.txt'), 'hello');
    await toKeyStep();
    await ui.press(KEY.down);
    await ui.waitFor('❯ type a path…');
    await ui.press(KEY.enter);
    await ui.waitFor('Private key file');
    await ui.type('cred');
    await ui.press(KEY.tab);
    await ui.waitFor('Private key file credentials/');
    await ui.type('al');
    await ui.press(KEY.tab);
    const ambiguous = await ui.waitFor('alice.pub.pem');
    expect(ambiguous).toContain('Private key file credentials/alice.p');
    await ui.type('em');
    await ui.press(KEY.enter);
    await ui.waitFor('Password for alice.pem');
    await ui.press(KEY.escape);
    await ui.waitFor('Private key file credentials/alice.pem');
    await clear(25);
    await ui.type('notes.txt');
    await ui.press(KEY.enter);
    await ui.waitFor('notes.txt: not a PEM private key');
  });

  it('generates new credentials (name and masked password), warns they are not registered, then starts', async () => {
    await toKeyStep();
    await ui.press(KEY.up);
    await ui.waitFor('❯ generate new credentials…');
    await ui.press(KEY.enter);
    await ui.waitFor('Name of the new credentials alice');
    expect(flat(ui.frame())).toContain('a new P-256 key pair (v2 suite)');
    expect(flat(ui.frame())).toContain('The new key is not registered in acme');
    await ui.press(KEY.enter);
    await ui.waitFor('alice.pem already exists in REP_HOME/credentials');
    await clear(5);
    await ui.type('bob');
    await ui.press(KEY.enter);
    await ui.waitFor('Password to encrypt bob.pem');
    await ui.press(KEY.enter);
    await ui.waitFor('the password must not be empty');
    await ui.type('s3cret');
    expect(ui.frame()).toContain('••••••');
    expect(ui.frame()).not.toContain('s3cret');
    expect(ui.frame()).toContain('Enter generates the key and starts the handshake');
    await ui.press(KEY.enter);
    await ui.waitFor(() => done.length === 1);
    expect(done[0]).toEqual({organization: 'acme', username: 'alice', credentialsFile: join(app.home, 'credentials', 'bob.pem'), password: 's3cret', suite: 'v2'});
    expect(existsSync(join(app.home, 'credentials', 'bob.pub.pem'))).toBe(true);
    expect(loadSubjectKey(done[0].credentialsFile, 's3cret').asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('creates a new organization after the key step, registering the subject and its public key', async () => {
    await ui.type('newco');
    await ui.press(KEY.enter);
    await ui.waitFor('New organization name newco');
    await ui.press(KEY.enter);
    await ui.waitFor('Username in newco');
    await ui.type('carol');
    await ui.press(KEY.enter);
    await ui.waitFor('Suite for newco/carol');
    await ui.press(KEY.enter);
    await ui.waitFor('Private key of carol');
    await ui.press(KEY.up);
    await ui.press(KEY.enter);
    await ui.waitFor('Name of the new credentials carol');
    await ui.press(KEY.enter);
    await ui.type('pw');
    await ui.press(KEY.enter);
    await ui.waitFor('Full name of carol');
    await ui.type('Carol C');
    await ui.press(KEY.enter);
    await ui.type('not-an-email');
    await ui.press(KEY.enter);
    await ui.waitFor('enter an address like name@example.org');
    await clear(12);
    await ui.type('carol@newco.example');
    expect(flat(ui.frame())).toContain('newco (new) · carol · suite v2 · key carol.pem');
    expect(ui.frame()).toContain('Enter registers the organization and starts the handshake');
    await ui.press(KEY.enter);
    await ui.waitFor(() => done.length === 1);
    expect(done[0]).toMatchObject({organization: 'newco', username: 'carol', credentialsFile: join(app.home, 'credentials', 'carol.pem'), password: 'pw'});
    const org = app.server.context.db.listOrganizations().find((o) => o.name === 'newco');
    expect(org?.subjects.map((s) => s.username)).toEqual(['carol']);
  });

  it('refuses a new organization whose name exists', async () => {
    await ui.press(KEY.down);
    await ui.press(KEY.enter);
    await ui.waitFor('New organization name');
    await ui.type('acme');
    await ui.press(KEY.enter);
    await ui.waitFor('organization acme already exists: choose it from the list, or pick another name');
  });

  describe('classic suite', () => {
    it('says on the key step when a key is the wrong curve: listed (from the public key beside it), chosen, and once unlocked', async () => {
      await toKeyStep('classic');
      const list = flat(ui.frame());
      expect(list).toContain('alice.pem wrong curve: P-256, classic needs P-521');
      expect(list).toContain('generate new credentials… a new P-521 key pair in REP_HOME/credentials');
      // No usable key for classic: the default is to generate one.
      expect(ui.frame()).toContain('❯ generate new credentials…');
      // An encrypted key without a public key beside it: its curve is known once unlocked.
      const p256 = generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey;
      writeFileSync(join(app.deps.paths.credentialsDir, 'b-locked.pem'), p256.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw'}));
      await ui.press(KEY.escape);
      await ui.waitFor('❯ classic');
      await ui.press(KEY.enter);
      await ui.waitFor('❯ REP_HOME/credentials/b-locked.pem   encrypted');
      await ui.press(KEY.up);
      await ui.waitFor('❯ REP_HOME/credentials/alice.pem');
      await ui.press(KEY.enter);
      await waitForText('alice.pem is a P-256 key (says alice.pub.pem), but the classic suite needs a P-521 key: choose another key or generate new credentials, or go back (Esc) and choose the v2 suite');
      expect(ui.frame()).not.toContain('Password for');
      await ui.press(KEY.down);
      await ui.waitFor('❯ REP_HOME/credentials/b-locked.pem');
      await ui.press(KEY.enter);
      await ui.waitFor('Password for b-locked.pem');
      await ui.type('pw');
      await ui.press(KEY.enter);
      await waitForText('b-locked.pem is a P-256 key, but the classic suite needs a P-521 key');
      expect(done).toEqual([]);
    });

    it('v2 says so for a P-521 key, pointing to the classic suite', async () => {
      writeFileSync(join(app.deps.paths.credentialsDir, 'b-p521.pem'), generateKeyPairSync('ec', {namedCurve: 'P-521'}).privateKey.export({type: 'pkcs8', format: 'pem'}));
      await toKeyStep();
      expect(flat(await ui.waitFor('b-p521.pem'))).toContain('wrong curve: P-521, v2 needs P-256');
      await ui.press(KEY.down);
      await ui.press(KEY.enter);
      await waitForText('b-p521.pem is a P-521 key, but the v2 suite needs a P-256 key: choose another key or generate new credentials, or go back (Esc) and choose the classic suite');
    });

    it('generates a P-521 key and registers a new organization over the classic route', async () => {
      await ui.type('classico');
      await ui.press(KEY.enter);
      await ui.waitFor('New organization name classico');
      await ui.press(KEY.enter);
      await ui.type('dave');
      await ui.press(KEY.enter);
      await ui.waitFor('Suite for classico/dave');
      await ui.press(KEY.down, KEY.enter);
      await ui.waitFor('❯ generate new credentials…');
      await ui.press(KEY.enter);
      expect(flat(await ui.waitFor('Name of the new credentials dave-classic'))).toContain('a new P-521 key pair (classic suite)');
      await ui.press(KEY.enter);
      await ui.type('pw521');
      await ui.press(KEY.enter);
      await ui.waitFor('Full name of dave');
      await ui.type('Dave D');
      await ui.press(KEY.enter);
      await ui.type('dave@classico.example');
      expect(flat(ui.frame())).toContain('then classico is registered over the classic route with dave and the public key of dave-classic.pem');
      await ui.press(KEY.enter);
      await ui.waitFor(() => done.length === 1);
      const file = join(app.home, 'credentials', 'dave-classic.pem');
      expect(done[0]).toEqual({organization: 'classico', username: 'dave', credentialsFile: file, password: 'pw521', suite: 'classic'});
      expect(loadSubjectKey(file, 'pw521', 'classic').asymmetricKeyDetails?.namedCurve).toBe('secp521r1');
      const subject = app.server.context.db.findSubject('classico', 'dave');
      expect(importP521PublicKey(subject!.publicKeySpki).asymmetricKeyDetails?.namedCurve).toBe('secp521r1');
    });

    it('a refused registration says why and stays on the last answer (Esc still goes back)', async () => {
      await ui.press(KEY.down);
      await ui.press(KEY.enter);
      await ui.type('other');
      await ui.press(KEY.enter);
      await ui.type('alice');
      await ui.press(KEY.enter);
      await ui.press(KEY.down, KEY.enter);
      await ui.waitFor('Private key of alice (P-521');
      await ui.press(KEY.enter, KEY.enter);
      await ui.type('pw');
      await ui.press(KEY.enter);
      await ui.type('Alice Again');
      await ui.press(KEY.enter);
      await ui.type('alice@other.example');
      // Someone else registers "other" meanwhile: the repository refuses (with the reference's message).
      app.server.context.db.createOrganization({name: 'other', username: 'zed', fullName: 'Zed', email: 'zed@other.example', publicKeySpki: exportSpki(generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey)});
      await ui.press(KEY.enter);
      await waitForText("registering other over the classic route failed: the repository refused (HTTP 400): Subject with username 'alice' or email 'alice@other.example' already exists.");
      expect(done).toEqual([]);
      await ui.press(KEY.escape);
      await ui.waitFor('Full name of alice');
    });
  });
});
