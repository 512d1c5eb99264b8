import React from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {displayPath} from '../../src/cli/credential-files.js';
import {useDeps} from '../deps.js';
import {isEnter} from '../keys.js';
import type {WizardController} from '../hooks/useWizard.js';
import {SelectList} from './SelectList.js';

const SUITES = [{key: 'v2', label: 'v2', hint: 'the hardened suite (docs/PROTOCOL.md) · the only one for now'}];

/** Last step: the suite (v2, shown), a summary of the choices, and Enter to start the handshake. */
export function SuiteStep({wizard}: {readonly wizard: WizardController}) {
  const {theme} = useDeps();
  const {state, folders, finish} = wizard;
  const v = state.values;
  useScreenInput((input, key) => {
    if (isEnter(input, key) && !state.busy) finish();
  });
  const row = (label: string, value: string, note?: string) => (
    <Box>
      <Box width={15} flexShrink={0}><Text color={theme.muted}>{label}</Text></Box>
      <Text wrap="truncate-middle">{value}</Text>
      {note ? <Text color={theme.muted} wrap="truncate-end">  {note}</Text> : null}
    </Box>
  );
  return (
    <Box flexDirection="column">
      <Text bold>Suite</Text>
      <SelectList items={SUITES} index={0} labelWidth={8} />
      <Box flexDirection="column" marginTop={1}>
        {row('organization', v.organization, v.createOrganization ? 'new: registered first' : undefined)}
        {row('username', v.username)}
        {v.createOrganization ? row('name, email', `${v.fullName} <${v.email}>`) : null}
        {row('private key', displayPath(v.keyFile, folders), v.password ? 'unlocked' : 'unencrypted')}
      </Box>
      {v.generated && !v.createOrganization ? (
        <Text color={theme.warning} wrap="wrap">
          The new key is not registered in {v.organization}: the repository will refuse it unless {v.username} was registered with it.
        </Text>
      ) : null}
      <Box marginTop={1}><Text color={theme.accent}>Enter starts the handshake</Text></Box>
    </Box>
  );
}
