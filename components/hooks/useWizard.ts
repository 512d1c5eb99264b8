import {createPublicKey} from 'node:crypto';
import {existsSync, mkdirSync} from 'node:fs';
import {basename, join} from 'node:path';
import {useEffect, useMemo, useReducer, useRef} from 'react';
import {classifyCredentialFile, listCredentialFiles, resolveTypedPath, type CredentialFile} from '../../src/cli/credential-files.js';
import {loadSubjectKey, writeCredentials} from '../../src/cli/credentials.js';
import {refusal} from '../../src/cli/commands/create-org.js';
import {describeError} from '../../src/cli/errors.js';
import {toBase64Url} from '../../src/crypto/bytes.js';
import {exportSpki} from '../../src/crypto/p256.js';
import {V2Path} from '../../src/protocol/v2/constants.js';
import {DEMO_PASSWORD, demoCredentialFiles} from '../../server/seed.js';
import type {AppDeps} from '../deps.js';
import type {SessionRequest} from './app-reducer.js';
import {useOrganizations, type OrganizationsState} from './useOrganizations.js';
import {initialWizardState, wizardReducer, type WizardAction, type WizardField, type WizardState} from './wizard-reducer.js';
import {fileNameProblem} from './wizard-validation.js';

/** A folder the key step lists, with how it is shown. */
export interface KeyFolder {
  readonly dir: string;
  readonly label: string;
}

/** The wizard's state and what each step can do; side effects (files, keys, network) live here, not in the reducer. */
export interface WizardController {
  readonly state: WizardState;
  readonly organizations: OrganizationsState;
  readonly credentials: readonly CredentialFile[];
  readonly folders: readonly KeyFolder[];
  /** The seeded demo key file (bundled repository only): its password may be prefilled. */
  readonly demoKey?: string;
  readonly dispatch: (action: WizardAction) => void;
  edit(field: WizardField, value: string): void;
  chooseKey(path: string): void;
  submitKeyPath(): void;
  submitPassword(): void;
  submitGenerateName(): void;
  submitGeneratePassword(): void;
  finish(): void;
}

/** Runs the wizard: the reducer plus key unlocking, credential generation and organization registration. */
export function useWizard(deps: AppDeps, onDone: (request: SessionRequest) => void): WizardController {
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);
  const organizations = useOrganizations(deps.repository.transport);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const v = state.values;
  const folders = useMemo(() => [{dir: deps.paths.credentialsDir, label: 'REP_HOME/credentials'}, {dir: deps.cwd, label: '.'}], [deps]);
  const credentials = useMemo(() => (state.step === 'key' ? listCredentialFiles(folders.map((f) => f.dir)) : []), [state.step, folders]);
  const demoKey = deps.repository.bundled ? demoCredentialFiles(deps.paths).privateKey : undefined;
  const fail = (message: string, clear?: WizardField) => dispatch({type: 'fail', message, clear});

  const chooseKey = (path: string) => {
    const file = classifyCredentialFile(path);
    const name = basename(path);
    if (file.kind === 'not-a-key') return fail(`${name}: ${file.problem}`);
    if (file.kind === 'encrypted') return dispatch({type: 'key-locked', file: path, demoPassword: path === demoKey ? DEMO_PASSWORD : undefined});
    if (file.problem) return fail(`${name} is the wrong kind of key (${file.problem}): the handshake needs a P-256 EC key`);
    dispatch({type: 'key-ready', file: path, password: ''});
  };

  const submitPassword = () => {
    try {
      loadSubjectKey(v.keyFile, v.password);
      dispatch({type: 'key-ready', file: v.keyFile, password: v.password});
    } catch (error) {
      const failure = describeError(error);
      const name = basename(v.keyFile);
      if (failure.code === 'wrong_password') fail(`wrong password for ${name}: try again`, 'password');
      else if (failure.code === 'password_required') fail(`${name} is encrypted: type its password`);
      else fail(failure.message.replace(v.keyFile, name));
    }
  };

  const generatedFile = () => join(deps.paths.credentialsDir, `${v.generateName}.pem`);
  const submitGenerateName = () => {
    if (!fileNameProblem(v.generateName) && existsSync(generatedFile())) {
      return fail(`${v.generateName}.pem already exists in REP_HOME/credentials: choose another name, or pick it from the key list`);
    }
    dispatch({type: 'submit-generate-name'});
  };
  const submitGeneratePassword = () => {
    if (v.generatePassword === '') return fail('the password must not be empty: it encrypts the new private key');
    try {
      mkdirSync(deps.paths.credentialsDir, {recursive: true, mode: 0o700});
      writeCredentials(generatedFile(), v.generatePassword);
      dispatch({type: 'key-ready', file: generatedFile(), password: v.generatePassword, generated: true});
    } catch (error) {
      fail(describeError(error).message);
    }
  };

  const finish = () => {
    const request: SessionRequest = {organization: v.organization, username: v.username, credentialsFile: v.keyFile, password: v.password, suite: v.suite};
    if (!v.createOrganization) return onDone(request);
    dispatch({type: 'busy', message: `registering organization ${v.organization} with subject ${v.username} and its public key…`});
    let publicKey: string;
    try {
      publicKey = toBase64Url(exportSpki(createPublicKey(loadSubjectKey(v.keyFile, v.password))));
    } catch (error) {
      return fail(describeError(error).message);
    }
    // As rep-create-org does: POST /v2/organizations with the subject's public key (SPKI, base64url).
    const body = {organization: v.organization, username: v.username, full_name: v.fullName, email: v.email, public_key: publicKey};
    deps.repository.transport.request('POST', V2Path.Organizations, body).then(
      (response) => {
        if (!alive.current) return;
        if (response.status === 201) onDone(request);
        else fail(refusal(response.status, response.body).message);
      },
      (error: unknown) => alive.current && fail(describeError(error).message),
    );
  };

  return {
    state, organizations, credentials, folders, demoKey, dispatch,
    edit: (field, value) => dispatch({type: 'edit', field, value}),
    chooseKey,
    submitKeyPath: () => (v.keyPath.trim() === '' ? fail('type the path of a private key file (Tab completes)') : chooseKey(resolveTypedPath(v.keyPath.trim(), deps.cwd))),
    submitPassword, submitGenerateName, submitGeneratePassword, finish,
  };
}
