import React from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {isBack, type KeyHelp} from '../keys.js';
import type {SessionRequest} from '../hooks/app-reducer.js';
import {useWizard} from '../hooks/useWizard.js';
import {isLastStep, type WizardStep} from '../hooks/wizard-reducer.js';
import {KeyPathStep} from './KeyPathStep.js';
import {KeyStep} from './KeyStep.js';
import {OrganizationStep} from './OrganizationStep.js';
import {Progress} from './Progress.js';
import {SuiteStep} from './SuiteStep.js';
import {TextStep} from './TextStep.js';
import type {Suite} from '../suites.js';

export const WIZARD_KEYS: readonly KeyHelp[] = [
  {keys: 'type', action: 'filter organizations / enter text'},
  {keys: '↑/↓', action: 'choose in a list'},
  {keys: 'Tab', action: 'complete a typed path'},
  {keys: 'Enter', action: 'next step (the last answer starts the handshake)'},
  {keys: 'Esc', action: 'previous step, keeping what you typed'},
  {keys: 'Ctrl-C', action: 'quit'},
];

export interface WizardProps {
  /** The suite to preselect, when this repository serves it (default v2, or the only one served). */
  readonly suite?: Suite;
  /** Esc on the first step. */
  readonly onBack: () => void;
  /** The choices, once complete (and the new organization registered, if any). */
  readonly onDone: (request: SessionRequest) => void;
}

const FOOTERS: Partial<Record<WizardStep, string>> = {
  organization: 'type to filter · ↑/↓ choose · Enter next · Esc back · Ctrl-C quit',
  suite: '↑/↓ choose · Enter next · Esc back · q quit',
  key: '↑/↓ choose · Enter next · Esc back · q quit',
  'key-path': 'Tab complete · Enter next · Esc back · Ctrl-C quit',
};

/** What Enter does on the last answer. */
const START: Partial<Record<WizardStep, string>> = {
  password: 'Enter unlocks the key and starts the handshake',
  'generate-password': 'Enter generates the key and starts the handshake',
  email: 'Enter registers the organization and starts the handshake',
};

/** The "create a session" wizard: organization, username, suite, private key (and a new organization's details); then the live handshake. */
export function Wizard({suite, onBack, onDone}: WizardProps) {
  const deps = useDeps();
  const {theme} = deps;
  const wizard = useWizard(deps, onDone, suite);
  const {state} = wizard;
  useScreenInput((input, key) => {
    if (!isBack(input, key)) return;
    if (state.history.length === 0) onBack();
    else wizard.dispatch({type: 'back'});
  });
  return (
    <Box flexDirection="column">
      <Progress state={state} />
      <Box flexDirection="column" marginTop={1}>
        {state.step === 'organization' ? <OrganizationStep wizard={wizard} /> : null}
        {state.step === 'key' ? <KeyStep wizard={wizard} /> : null}
        {state.step === 'key-path' ? <KeyPathStep wizard={wizard} /> : null}
        {state.step === 'suite' ? <SuiteStep wizard={wizard} /> : null}
        <TextStep wizard={wizard} />
      </Box>
      {state.error ? <Text color={theme.error} wrap="wrap">✗ {state.error}</Text> : null}
      {state.busy ? <Text color={theme.accent} wrap="wrap">{state.busy}</Text> : null}
      <Box marginTop={1}>
        {isLastStep(state) ? <Text color={theme.accent}>{START[state.step]}<Text color={theme.muted}> · Esc back</Text></Text>
          : <Text color={theme.muted}>{FOOTERS[state.step] ?? 'Enter next · Esc back · Ctrl-C quit'}</Text>}
      </Box>
    </Box>
  );
}
