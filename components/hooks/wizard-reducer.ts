import type {Suite} from '../suites.js';
import {defaultCredentialsName, fileNameProblem, fullNameProblem, nameProblem} from './wizard-validation.js';

/**
 * The wizard's steps, in the order a user meets them (some only on the "new organization" path). The suite
 * comes before the key, so listing, checking and generating keys use its curve; the last answer (the key, or
 * the email of a new organization's subject) starts the handshake.
 */
export type WizardStep =
  | 'organization' | 'new-organization' | 'username' | 'suite' | 'key' | 'key-path' | 'password'
  | 'generate-name' | 'generate-password' | 'full-name' | 'email';

/** Everything the user typed or chose; kept when going back, so Esc never loses input. */
export interface WizardValues {
  readonly filter: string;
  readonly organization: string;
  readonly createOrganization: boolean;
  readonly newOrganization: string;
  readonly username: string;
  /** The username is a default (the organization's subject), not typed: choosing another org may replace it. */
  readonly usernameAuto: boolean;
  readonly keyFile: string;
  readonly keyPath: string;
  readonly password: string;
  /** The key file the password was typed (or prefilled) for. */
  readonly passwordFor: string;
  /** The password field holds the seeded demo key's password, put there by the wizard. */
  readonly passwordPrefilled: boolean;
  readonly generateName: string;
  readonly generatePassword: string;
  /** The chosen key was generated in this wizard (the repository does not know it yet). */
  readonly generated: boolean;
  readonly fullName: string;
  readonly email: string;
  readonly suite: Suite;
}

/** The fields a text input edits. */
export type WizardField = 'filter' | 'newOrganization' | 'username' | 'keyPath' | 'password' | 'generateName' | 'generatePassword' | 'fullName' | 'email';

export interface WizardState {
  readonly step: WizardStep;
  /** Steps to return to with Esc (most recent last). */
  readonly history: readonly WizardStep[];
  readonly values: WizardValues;
  /** Why the current step cannot go on (shown under it), until the user edits. */
  readonly error?: string;
  /** Work in progress (e.g. registering the organization). */
  readonly busy?: string;
}

export type WizardAction =
  | {readonly type: 'edit'; readonly field: WizardField; readonly value: string}
  | {readonly type: 'choose-organization'; readonly name: string; readonly defaultUsername?: string}
  | {readonly type: 'create-organization'}
  | {readonly type: 'submit-new-organization'; readonly existing: readonly string[]}
  | {readonly type: 'submit-username'}
  | {readonly type: 'choose-suite'; readonly suite: Suite}
  | {readonly type: 'choose-key-path'}
  | {readonly type: 'choose-generate'}
  | {readonly type: 'submit-generate-name'}
  | {readonly type: 'key-locked'; readonly file: string; readonly demoPassword?: string}
  | {readonly type: 'key-ready'; readonly file: string; readonly password: string; readonly generated?: boolean}
  | {readonly type: 'submit-full-name'}
  | {readonly type: 'fail'; readonly message: string; readonly clear?: WizardField}
  | {readonly type: 'busy'; readonly message?: string}
  | {readonly type: 'back'};

export const initialWizardState: WizardState = {
  step: 'organization',
  history: [],
  values: {
    filter: '', organization: '', createOrganization: false, newOrganization: '', username: '', usernameAuto: true,
    keyFile: '', keyPath: '', password: '', passwordFor: '', passwordPrefilled: false, generateName: '', generatePassword: '',
    generated: false, fullName: '', email: '', suite: 'v2',
  },
};

const go = (state: WizardState, step: WizardStep, values: WizardValues = state.values): WizardState =>
  ({step, history: [...state.history, state.step], values, error: undefined, busy: undefined});
const fail = (state: WizardState, message: string | undefined): WizardState => (message ? {...state, error: message, busy: undefined} : state);

/** Pure wizard reducer: edits keep every value; Esc (`back`) returns to the previous step with them. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const v = state.values;
  switch (action.type) {
    case 'edit': {
      const extra = action.field === 'username' ? {usernameAuto: false} : action.field === 'password' ? {passwordPrefilled: false} : {};
      return {...state, values: {...v, [action.field]: action.value, ...extra}, error: undefined};
    }
    case 'choose-organization': {
      const username = v.usernameAuto || v.username === '' ? action.defaultUsername ?? '' : v.username;
      return go(state, 'username', {...v, organization: action.name, createOrganization: false, username, usernameAuto: v.usernameAuto || v.username === ''});
    }
    case 'create-organization':
      return go(state, 'new-organization', {
        ...v, createOrganization: true, newOrganization: v.newOrganization || v.filter,
        ...(v.usernameAuto ? {username: ''} : {}),
      });
    case 'submit-new-organization': {
      const name = v.newOrganization;
      const problem = nameProblem(name, 'organization name')
        ?? (action.existing.includes(name) ? `organization ${name} already exists: choose it from the list, or pick another name` : undefined);
      return problem ? fail(state, problem) : go(state, 'username', {...v, organization: name});
    }
    case 'submit-username': {
      const problem = nameProblem(v.username, 'username');
      return problem ? fail(state, problem) : go(state, 'suite');
    }
    case 'choose-suite':
      return go(state, 'key', {...v, suite: action.suite});
    case 'choose-key-path':
      return go(state, 'key-path');
    case 'choose-generate':
      return go(state, 'generate-name', {...v, generateName: v.generateName || defaultCredentialsName(v)});
    case 'submit-generate-name':
      return fileNameProblem(v.generateName) ? fail(state, fileNameProblem(v.generateName)) : go(state, 'generate-password');
    case 'key-locked': {
      const same = v.passwordFor === action.file && v.password !== '';
      const password = same ? v.password : action.demoPassword ?? '';
      return go(state, 'password', {...v, keyFile: action.file, password, passwordFor: action.file, passwordPrefilled: same ? v.passwordPrefilled : action.demoPassword !== undefined});
    }
    case 'key-ready': {
      // Only a new organization's subject has more to answer (otherwise the key starts the handshake: see afterKey).
      // Back from the next step returns to the key list (the password or generation steps are done).
      const keyAt = state.history.lastIndexOf('key');
      const base = {...state, history: keyAt >= 0 ? state.history.slice(0, keyAt) : state.history, step: 'key' as const};
      const values = {...v, keyFile: action.file, password: action.password, passwordFor: action.file, generated: action.generated === true,
        ...(action.generated ? {generatePassword: ''} : {})};
      return go(base, 'full-name', values);
    }
    case 'submit-full-name':
      return fullNameProblem(v.fullName) ? fail(state, fullNameProblem(v.fullName)) : go(state, 'email');
    case 'fail':
      return {...state, error: action.message, busy: undefined, values: action.clear ? {...v, [action.clear]: ''} : v};
    case 'busy':
      return {...state, busy: action.message, error: undefined};
    case 'back':
      if (state.history.length === 0 || state.busy) return state;
      return {step: state.history[state.history.length - 1], history: state.history.slice(0, -1), values: v, error: undefined};
  }
}

/** What follows a usable key: a new organization's subject details, or the handshake (the key is the last answer). */
export const afterKey = (values: WizardValues): 'full-name' | 'finish' => (values.createOrganization ? 'full-name' : 'finish');

/** Whether Enter on this step starts the handshake (the last answer of the current path). */
export const isLastStep = (state: WizardState): boolean =>
  state.step === 'email' || (!state.values.createOrganization && (state.step === 'password' || state.step === 'generate-password'));

