import {afterKey, initialWizardState, isLastStep, wizardReducer, type WizardAction, type WizardState} from '../../../components/hooks/wizard-reducer.js';
import {defaultCredentialsName, emailProblem, fileNameProblem, fullNameProblem, nameProblem} from '../../../components/hooks/wizard-validation.js';

const run = (...actions: WizardAction[]): WizardState => actions.reduce(wizardReducer, initialWizardState);

describe('wizard validation', () => {
  it('names: non-empty, at most 64 characters, no control characters, with the reason', () => {
    expect(nameProblem('alice', 'username')).toBeUndefined();
    expect(nameProblem('', 'username')).toBe('the username must not be empty');
    expect(nameProblem('   ', 'username')).toBe('the username must not be empty');
    expect(nameProblem('a'.repeat(64), 'username')).toBeUndefined();
    expect(nameProblem('a'.repeat(65), 'username')).toBe('the username is 65 characters long: at most 64');
    expect(nameProblem('al\u0007ice', 'username')).toBe('the username contains a control character (U+0007)');
    expect(nameProblem('al\u009bice', 'username')).toBe('the username contains a control character (U+009B)');
    expect(nameProblem(' alice', 'username')).toBe('the username must not start or end with spaces');
    expect(nameProblem('ünïcødé 名前', 'username')).toBeUndefined();
  });

  it('credential file names, full names and emails', () => {
    expect(fileNameProblem('bob')).toBeUndefined();
    expect(fileNameProblem('../bob')).toMatch(/no folders/);
    expect(fileNameProblem('')).toBe('the name must not be empty');
    expect(fullNameProblem('Bob B')).toBeUndefined();
    expect(fullNameProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(emailProblem('bob@example.org')).toBeUndefined();
    expect(emailProblem('bob@example')).toBe('enter an address like name@example.org');
  });
});

describe('wizardReducer', () => {
  it('goes organization → username (the org subject by default) → suite (v2 by default) → key → password (demo prefill), the last answer', () => {
    let state = run({type: 'choose-organization', name: 'acme', defaultUsername: 'alice'});
    expect(state).toMatchObject({step: 'username', history: ['organization'], values: {organization: 'acme', username: 'alice', usernameAuto: true}});
    state = run({type: 'choose-organization', name: 'acme', defaultUsername: 'alice'}, {type: 'submit-username'});
    expect(state).toMatchObject({step: 'suite', values: {suite: 'v2'}});
    state = [{type: 'choose-suite', suite: 'v2'}, {type: 'key-locked', file: '/h/credentials/alice.pem', demoPassword: 'alice-demo'}]
      .reduce((s, a) => wizardReducer(s, a as WizardAction), state);
    expect(state).toMatchObject({step: 'password', history: ['organization', 'username', 'suite', 'key'],
      values: {keyFile: '/h/credentials/alice.pem', password: 'alice-demo', passwordPrefilled: true}});
    expect(isLastStep(state)).toBe(true);
    expect(afterKey(state.values)).toBe('finish');
  });

  it('the suite is chosen before the key (its curve) and kept when going back; new credentials are named for it', () => {
    let state = run({type: 'choose-organization', name: 'acme', defaultUsername: 'alice'}, {type: 'submit-username'}, {type: 'choose-suite', suite: 'classic'});
    expect(state).toMatchObject({step: 'key', values: {suite: 'classic'}});
    state = wizardReducer(state, {type: 'choose-generate'});
    expect(state.values.generateName).toBe('alice-classic');
    state = wizardReducer(wizardReducer(state, {type: 'back'}), {type: 'back'});
    expect(state).toMatchObject({step: 'suite', values: {suite: 'classic', generateName: 'alice-classic'}});
    expect(defaultCredentialsName({username: 'bob', suite: 'v2'})).toBe('bob');
    expect(defaultCredentialsName({username: 'ünï', suite: 'classic'})).toBe('n-classic');
  });

  it('keeps a typed username when another organization is chosen, replaces a default one', () => {
    let state = run({type: 'choose-organization', name: 'acme', defaultUsername: 'alice'}, {type: 'back'}, {type: 'choose-organization', name: 'beta', defaultUsername: 'bea'});
    expect(state.values.username).toBe('bea');
    state = run({type: 'choose-organization', name: 'acme', defaultUsername: 'alice'}, {type: 'edit', field: 'username', value: 'bob'}, {type: 'back'},
      {type: 'choose-organization', name: 'beta', defaultUsername: 'bea'});
    expect(state.values).toMatchObject({username: 'bob', usernameAuto: false});
  });

  it('shows the reason and stays; editing clears it', () => {
    let state = run({type: 'choose-organization', name: 'acme'}, {type: 'submit-username'});
    expect(state).toMatchObject({step: 'username', error: 'the username must not be empty'});
    state = wizardReducer(state, {type: 'edit', field: 'username', value: 'b'});
    expect(state.error).toBeUndefined();
  });

  it('Esc goes back one step at a time with every value kept; never before the first step', () => {
    const forward = run({type: 'edit', field: 'filter', value: 'ac'}, {type: 'choose-organization', name: 'acme'}, {type: 'edit', field: 'username', value: 'bob'},
      {type: 'submit-username'}, {type: 'choose-suite', suite: 'classic'}, {type: 'choose-key-path'}, {type: 'edit', field: 'keyPath', value: 'k.pem'});
    expect(forward.step).toBe('key-path');
    let back = forward;
    for (let i = 0; i < 4; i++) back = wizardReducer(back, {type: 'back'});
    expect(back.step).toBe('organization');
    expect(back.values).toEqual(forward.values);
    expect(wizardReducer(back, {type: 'back'})).toBe(back);
  });

  it('a wrong password clears the field and says so; the same file keeps a typed password', () => {
    let state = run({type: 'choose-organization', name: 'acme'}, {type: 'edit', field: 'username', value: 'x'}, {type: 'submit-username'},
      {type: 'key-locked', file: '/k.pem'}, {type: 'edit', field: 'password', value: 'nope'});
    expect(state.values).toMatchObject({password: 'nope', passwordPrefilled: false});
    state = wizardReducer(state, {type: 'fail', message: 'wrong password for k.pem: try again', clear: 'password'});
    expect(state).toMatchObject({step: 'password', error: 'wrong password for k.pem: try again', values: {password: ''}});
    state = run({type: 'key-locked', file: '/k.pem'}, {type: 'edit', field: 'password', value: 'typed'}, {type: 'back'}, {type: 'key-locked', file: '/k.pem', demoPassword: 'demo'});
    expect(state.values.password).toBe('typed');
  });

  it('new organization: name prefilled from the filter, refused when it exists, then name and email after the key', () => {
    let state = run({type: 'edit', field: 'filter', value: 'acme'}, {type: 'create-organization'});
    expect(state).toMatchObject({step: 'new-organization', values: {newOrganization: 'acme', createOrganization: true}});
    state = wizardReducer(state, {type: 'submit-new-organization', existing: ['acme']});
    expect(state.error).toMatch(/already exists/);
    state = [
      {type: 'edit', field: 'newOrganization', value: 'newco'}, {type: 'submit-new-organization', existing: ['acme']},
      {type: 'edit', field: 'username', value: 'carol'}, {type: 'submit-username'}, {type: 'choose-suite', suite: 'v2'}, {type: 'choose-generate'},
    ].reduce((s, a) => wizardReducer(s, a as WizardAction), state);
    expect(state).toMatchObject({step: 'generate-name', values: {organization: 'newco', generateName: 'carol'}});
    state = [{type: 'submit-generate-name'}, {type: 'edit', field: 'generatePassword', value: 'pw'},
      {type: 'key-ready', file: '/c/carol.pem', password: 'pw', generated: true}].reduce((s, a) => wizardReducer(s, a as WizardAction), state);
    expect(state).toMatchObject({step: 'full-name', history: ['organization', 'new-organization', 'username', 'suite', 'key'], values: {generated: true, generatePassword: ''}});
    expect(isLastStep(state)).toBe(false);
    state = wizardReducer(wizardReducer(state, {type: 'edit', field: 'fullName', value: 'Carol'}), {type: 'submit-full-name'});
    expect(state.step).toBe('email');
    // The email is the last answer: the hook validates it, registers the organization and starts the handshake.
    expect(isLastStep(state)).toBe(true);
  });

  it('busy blocks Esc; a failure ends busy', () => {
    const busy = run({type: 'choose-organization', name: 'acme'}, {type: 'busy', message: 'registering…'});
    expect(wizardReducer(busy, {type: 'back'})).toBe(busy);
    expect(wizardReducer(busy, {type: 'fail', message: 'refused'})).toMatchObject({busy: undefined, error: 'refused'});
  });
});
