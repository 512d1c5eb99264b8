import {existsSync, mkdirSync} from 'node:fs';
import {basename, join} from 'node:path';
import {useEffect, useMemo, useReducer, useRef} from 'react';
import {classifyCredentialFile, listCredentialFiles, resolveTypedPath} from '../../src/cli/credential-files.js';
import {loadSubjectKey, writeCredentials} from '../../src/cli/credentials.js';
import {describeError} from '../../src/cli/errors.js';
import {DEMO_PASSWORD, demoCredentialFiles} from '../../server/seed.js';
import type {AppDeps} from '../deps.js';
import {servedSuites, SUITE_CURVE, SUITES, suiteTarget, suiteUnavailable, type Suite} from '../suites.js';
import type {SessionRequest} from './app-reducer.js';
import {inspectKeyFile, unlockedCurve, wrongCurveSentence, type KeyFile} from './key-files.js';
import {registerOrganization} from './register-organization.js';
import {useOrganizations, type OrganizationsState} from './useOrganizations.js';
import {afterKey, initialWizardState, wizardReducer, type WizardAction, type WizardField, type WizardState} from './wizard-reducer.js';
import {emailProblem, fileNameProblem} from './wizard-validation.js';

/** A folder the key step lists, with how it is shown. */
export interface KeyFolder {
  readonly dir: string;
  readonly label: string;
}

/** The wizard's state and what each step can do; side effects (files, keys, network) live here, not in the reducer. */
export interface WizardController {
  readonly state: WizardState;
  readonly organizations: OrganizationsState;
  /** The credentials files found, judged for the chosen suite's curve. */
  readonly credentials: readonly KeyFile[];
  readonly folders: readonly KeyFolder[];
  /** The seeded demo key file (bundled repository only): its password may be prefilled. */
  readonly demoKey?: string;
  /** Why a suite cannot be chosen here (absent: it can). */
  readonly unavailable: Readonly<Partial<Record<Suite, string>>>;
  readonly dispatch: (action: WizardAction) => void;
  edit(field: WizardField, value: string): void;
  chooseSuite(suite: Suite): void;
  chooseKey(path: string): void;
  submitKeyPath(): void;
  submitPassword(): void;
  submitGenerateName(): void;
  submitGeneratePassword(): void;
  /** The last answer of a new organization's subject: registers it through the suite's route, then starts. */
  submitEmail(): void;
}

/** Runs the wizard: the reducer plus key unlocking, credential generation and organization registration. */
export function useWizard(deps: AppDeps, onDone: (request: SessionRequest) => void, preferredSuite?: Suite): WizardController {
  // The suite defaults to the one asked for (`--suite`) when served, else v2, else the only one this
  // repository serves (an external classic-only one); a suite asked for but not served is said at once.
  const [state, dispatch] = useReducer(wizardReducer, deps, (d): WizardState => {
    const served = servedSuites(d);
    const suite = preferredSuite && served.includes(preferredSuite) ? preferredSuite : served[0] ?? 'v2';
    const refused = preferredSuite && preferredSuite !== suite ? `--suite ${preferredSuite}: ${suiteUnavailable(d, preferredSuite)}; the wizard uses ${suite}.` : undefined;
    return {...initialWizardState, values: {...initialWizardState.values, suite}, ...(refused ? {error: refused} : {})};
  });
  const organizations = useOrganizations(deps.repository);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const v = state.values;
  const folders = useMemo(() => [{dir: deps.paths.credentialsDir, label: 'REP_HOME/credentials'}, {dir: deps.cwd, label: '.'}], [deps]);
  const credentials = useMemo(
    () => (state.step === 'key' ? listCredentialFiles(folders.map((f) => f.dir)).map((file) => inspectKeyFile(file, v.suite)) : []),
    [state.step, folders, v.suite],
  );
  const demoKey = deps.repository.bundled ? demoCredentialFiles(deps.paths).privateKey : undefined;
  const unavailable = useMemo(() => Object.fromEntries(SUITES.map((suite) => [suite, suiteUnavailable(deps, suite)])) as Partial<Record<Suite, string>>, [deps]);
  const fail = (message: string, clear?: WizardField) => dispatch({type: 'fail', message, clear});
  const request = (credentialsFile: string, password: string): SessionRequest =>
    ({organization: v.organization, username: v.username, credentialsFile, password, suite: v.suite});

  /** A usable key: a new organization's subject goes on to its details; otherwise the handshake starts. */
  const keyReady = (file: string, password: string, generated = false) => {
    if (afterKey(v) === 'full-name') dispatch({type: 'key-ready', file, password, generated});
    else onDone(request(file, password));
  };

  const chooseKey = (path: string) => {
    const file = inspectKeyFile(classifyCredentialFile(path), v.suite);
    const name = basename(path);
    if (file.kind === 'not-a-key') return fail(`${name}: ${file.problem}`);
    if (file.wrongCurve && file.curve) return fail(wrongCurveSentence(name, file.curve, v.suite, file.curveFrom));
    if (file.kind === 'encrypted') return dispatch({type: 'key-locked', file: path, demoPassword: path === demoKey ? DEMO_PASSWORD : undefined});
    if (file.problem) return fail(`${name} is the wrong kind of key (${file.problem}): the ${v.suite} suite needs a ${SUITE_CURVE[v.suite]} EC key`);
    keyReady(path, '');
  };

  const submitPassword = () => {
    try {
      loadSubjectKey(v.keyFile, v.password, v.suite);
    } catch (error) {
      const failure = describeError(error);
      const name = basename(v.keyFile);
      const curve = failure.code === 'wrong_curve' ? unlockedCurve(v.keyFile, v.password) : undefined;
      if (failure.code === 'wrong_password') fail(`wrong password for ${name}: try again`, 'password');
      else if (failure.code === 'password_required') fail(`${name} is encrypted: type its password`);
      else if (curve) fail(wrongCurveSentence(name, curve, v.suite));
      else fail(failure.message.replace(v.keyFile, name));
      return;
    }
    keyReady(v.keyFile, v.password);
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
      writeCredentials(generatedFile(), v.generatePassword, false, v.suite);
    } catch (error) {
      return fail(describeError(error).message);
    }
    keyReady(generatedFile(), v.generatePassword, true);
  };

  const submitEmail = () => {
    const problem = emailProblem(v.email);
    const target = suiteTarget(deps, v.suite);
    if (problem || !target) return fail(problem ?? `the ${v.suite} suite is not available here`);
    if (state.busy) return;
    dispatch({type: 'busy', message: `registering organization ${v.organization} with subject ${v.username} and its ${SUITE_CURVE[v.suite]} public key (${v.suite} route)…`});
    Promise.resolve()
      .then(() => registerOrganization(target, v.suite, {
        organization: v.organization, username: v.username, fullName: v.fullName, email: v.email, subjectKey: loadSubjectKey(v.keyFile, v.password, v.suite),
      }))
      .then(() => alive.current && onDone(request(v.keyFile, v.password)), (error: unknown) => alive.current && fail(describeError(error).message));
  };

  return {
    state, organizations, credentials, folders, demoKey, unavailable, dispatch,
    edit: (field, value) => dispatch({type: 'edit', field, value}),
    chooseSuite: (suite) => (unavailable[suite] ? fail(`${suite}: ${unavailable[suite]}`) : dispatch({type: 'choose-suite', suite})),
    chooseKey,
    submitKeyPath: () => (v.keyPath.trim() === '' ? fail('type the path of a private key file (Tab completes)') : chooseKey(resolveTypedPath(v.keyPath.trim(), deps.cwd))),
    submitPassword, submitGenerateName, submitGeneratePassword, submitEmail,
  };
}
