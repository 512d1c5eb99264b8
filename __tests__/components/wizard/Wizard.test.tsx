import React from 'react';
import {generateKeyPairSync} from 'node:crypto';
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DepsProvider} from '../../../components/deps.js';
import type {SessionRequest} from '../../../components/hooks/app-reducer.js';
import {Wizard} from '../../../components/wizard/Wizard.js';
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
  const toKeyStep = async () => {
    await ui.press(KEY.enter);
    await ui.waitFor('Username in acme');
    await ui.press(KEY.enter);
    await ui.waitFor('Private key of alice');
  };

  it('Enter through the defaults gives acme, alice, the demo key with its password prefilled (said on screen), v2', async () => {
    await toKeyStep();
    expect(ui.frame()).toContain('❯ REP_HOME/credentials/alice.pem');
    await ui.press(KEY.enter);
    expect(flat(await ui.waitFor('prefilled'))).toContain('seeded demo key, whose password is the documented demo password (alice-demo)');
    await ui.press(KEY.enter);
    await ui.waitFor('Enter starts the handshake');
    expect(ui.frame()).toContain('v2');
    await ui.press(KEY.enter);
    expect(done).toEqual([{organization: 'acme', username: 'alice', credentialsFile: join(app.home, 'credentials', 'alice.pem'), password: 'alice-demo', suite: 'v2'}]);
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
    await ui.waitFor('Private key of bob');
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
    await ui.waitFor('Enter starts the handshake');
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
    expect(list).toContain('wrong kind: expected curve P-256, got secp384r1');
    expect(list).toContain('alice.pem');
    expect(list).not.toContain('alice.pub.pem');
    await ui.press(KEY.down);
    await ui.waitFor('❯ REP_HOME/credentials/b-rsa.pem');
    await ui.press(KEY.enter);
    await waitForText('b-rsa.pem is the wrong kind of key (expected an EC key, got rsa): the handshake needs a P-256 EC key');
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

  it('generates new credentials (name and masked password) and warns they are not registered', async () => {
    await toKeyStep();
    await ui.press(KEY.up);
    await ui.waitFor('❯ generate new credentials…');
    await ui.press(KEY.enter);
    await ui.waitFor('Name of the new credentials alice');
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
    await ui.press(KEY.enter);
    const suite = flat(await ui.waitFor('Enter starts the handshake'));
    expect(suite).toContain('REP_HOME/credentials/bob.pem');
    expect(suite).toContain('The new key is not registered in acme');
    expect(existsSync(join(app.home, 'credentials', 'bob.pub.pem'))).toBe(true);
    await ui.press(KEY.escape);
    await ui.waitFor('❯ REP_HOME/credentials/bob.pem');
  });

  it('creates a new organization after the key step, registering the subject and its public key', async () => {
    await ui.type('newco');
    await ui.press(KEY.enter);
    await ui.waitFor('New organization name newco');
    await ui.press(KEY.enter);
    await ui.waitFor('Username in newco');
    await ui.type('carol');
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
    await ui.press(KEY.enter);
    expect(flat(await ui.waitFor('Enter starts the handshake'))).toContain('newco new: registered first');
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
});
