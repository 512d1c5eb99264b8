import {basename} from 'node:path';
import React from 'react';
import {DEMO_PASSWORD} from '../../server/seed.js';
import {SUITE_CURVE} from '../suites.js';
import type {WizardController} from '../hooks/useWizard.js';
import type {WizardField, WizardStep, WizardValues} from '../hooks/wizard-reducer.js';
import {TextField} from './TextField.js';

/** What one text step asks. */
interface TextStepSpec {
  readonly field: WizardField;
  readonly label: (v: WizardValues) => string;
  readonly note?: (v: WizardValues, demoKey?: string) => string | undefined;
  readonly warning?: (v: WizardValues) => string | undefined;
  readonly mask?: boolean;
  /** What Enter does. */
  readonly submit: (wizard: WizardController) => void;
}

/** A generated key is new to the repository: only a new organization registers it. */
const unregistered = (v: WizardValues) => (v.createOrganization ? undefined
  : `The new key is not registered in ${v.organization}: the repository will refuse it unless ${v.username} was registered with it (create a new organization to register it).`);

const organizationNames = (w: WizardController) =>
  (w.organizations.status === 'ready' ? w.organizations.organizations.map((org) => org.name) : []);

const SPECS: Partial<Record<WizardStep, TextStepSpec>> = {
  'new-organization': {field: 'newOrganization', label: () => 'New organization name', submit: (w) => w.dispatch({type: 'submit-new-organization', existing: organizationNames(w)}),
    note: () => 'registered after the key step and your details, with the subject and its public key (as rep-create-org)'},
  username: {field: 'username', label: (v) => `Username in ${v.organization}`, submit: (w) => w.dispatch({type: 'submit-username'}),
    note: (v) => (v.createOrganization ? 'the first subject of the new organization' : 'a subject registered in the organization') + ' · at most 64 characters'},
  password: {field: 'password', label: (v) => `Password for ${basename(v.keyFile)}`, mask: true, submit: (w) => w.submitPassword(),
    note: (v, demo) => (v.passwordPrefilled && v.keyFile === demo
      ? `prefilled: this is the seeded demo key, whose password is the documented demo password (${DEMO_PASSWORD})`
      : 'the key is encrypted (PKCS#8); the password stays on this computer')},
  'generate-name': {field: 'generateName', label: () => 'Name of the new credentials', submit: (w) => w.submitGenerateName(),
    note: (v) => `a new ${SUITE_CURVE[v.suite]} key pair (${v.suite} suite): REP_HOME/credentials/${v.generateName || '<name>'}.pem (encrypted) and ${v.generateName || '<name>'}.pub.pem`,
    warning: unregistered},
  'generate-password': {field: 'generatePassword', label: (v) => `Password to encrypt ${v.generateName}.pem`, mask: true, submit: (w) => w.submitGeneratePassword(),
    warning: unregistered},
  'full-name': {field: 'fullName', label: (v) => `Full name of ${v.username}`, submit: (w) => w.dispatch({type: 'submit-full-name'}), note: (v) => `registered with ${v.organization}`},
  email: {field: 'email', label: (v) => `Email of ${v.username}`, submit: (w) => w.submitEmail(),
    note: (v) => `then ${v.organization} is registered over the ${v.suite} route with ${v.username} and the public key of ${basename(v.keyFile)}`},
};

/** Whether a step is one text field. */
export const isTextStep = (step: WizardStep) => SPECS[step] !== undefined;

/** A step that asks one text value (username, new organization, passwords, name, email). */
export function TextStep({wizard}: {readonly wizard: WizardController}) {
  const {state, demoKey, edit} = wizard;
  const spec = SPECS[state.step];
  if (!spec) return null;
  const v = state.values;
  return (
    <TextField key={state.step} label={spec.label(v)} value={v[spec.field]} mask={spec.mask} note={spec.note?.(v, demoKey)} warning={spec.warning?.(v)}
      onChange={(value) => edit(spec.field, value)} onSubmit={() => spec.submit(wizard)} />
  );
}
