import React from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {useOrganizations} from '../hooks/useOrganizations.js';
import {isBack, type KeyHelp} from '../keys.js';

export const REPOSITORY_KEYS: readonly KeyHelp[] = [{keys: 'Esc', action: 'back home'}];

/** The repository: URL, pinned key fingerprint, organizations and their subjects. */
export function RepositoryScreen({onBack, isActive = true}: {readonly onBack: () => void; readonly isActive?: boolean}) {
  const {repository, theme} = useDeps();
  const organizations = useOrganizations(repository.transport);
  useScreenInput((input, key) => {
    if (isBack(input, key)) onBack();
  }, {isActive});
  return (
    <Box flexDirection="column">
      <Text><Text bold>URL          </Text>{repository.url}{repository.bundled ? ' (bundled, started by this app)' : ''}</Text>
      <Text><Text bold>Pinned key   </Text>{repository.fingerprint}</Text>
      <Text color={theme.muted}>             SHA-256 of the repository public key (SPKI); every signature is checked against it</Text>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Organizations</Text>
        {organizations.status === 'loading' ? <Text color={theme.muted}>loading…</Text> : null}
        {organizations.status === 'error' ? <Text color={theme.error}>{organizations.message}</Text> : null}
        {organizations.status === 'ready' && organizations.organizations.length === 0 ? <Text color={theme.muted}>none yet</Text> : null}
        {organizations.status === 'ready'
          ? organizations.organizations.map((org) => (
              <Text key={org.name}>
                {'  '}{org.name}<Text color={theme.muted}>  {org.subjects.map((s) => (s.status === 'active' ? s.username : `${s.username} (${s.status})`)).join(', ')}</Text>
              </Text>
            ))
          : null}
      </Box>
      <Box marginTop={1}><Text color={theme.muted}>Esc back</Text></Box>
    </Box>
  );
}
