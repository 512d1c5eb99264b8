import React from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {useOrganizations} from '../hooks/useOrganizations.js';
import {isBack, type KeyHelp} from '../keys.js';
import {servedSuites, SUITE_CURVE, SUITES, suiteTarget, suiteUnavailable} from '../suites.js';

export const REPOSITORY_KEYS: readonly KeyHelp[] = [{keys: 'Esc', action: 'back home'}];

const ROUTES = {v2: '/v2/…', classic: "the reference's paths (/sessions, /organizations)"} as const;

function Row({label, children}: {readonly label: string; readonly children: React.ReactNode}) {
  return (
    <Box>
      <Box width={15} flexShrink={0}><Text bold>{label}</Text></Box>
      <Text wrap="wrap">{children}</Text>
    </Box>
  );
}

/** The repository: URL, the suites it serves with each pinned key fingerprint, organizations and their subjects. */
export function RepositoryScreen({onBack, isActive = true}: {readonly onBack: () => void; readonly isActive?: boolean}) {
  const deps = useDeps();
  const {repository, theme} = deps;
  const organizations = useOrganizations(repository);
  useScreenInput((input, key) => {
    if (isBack(input, key)) onBack();
  }, {isActive});
  return (
    <Box flexDirection="column">
      <Row label="URL">{repository.url}{repository.bundled ? ' (bundled, started by this app)' : ''}</Row>
      {SUITES.map((suite) => {
        const target = suiteTarget(deps, suite);
        return (
          <Box key={suite} flexDirection="column">
            <Row label={`${suite} suite`}>{target ? `${SUITE_CURVE[suite]} repository key, on ${ROUTES[suite]}` : <Text color={theme.muted}>{suiteUnavailable(deps, suite)}</Text>}</Row>
            {target ? <Row label="  pinned key">{target.fingerprint}</Row> : null}
          </Box>
        );
      })}
      <Text color={theme.muted} wrap="wrap">SHA-256 of each repository public key (SPKI): every signature of that suite is checked against it</Text>
      <Box marginTop={1} flexDirection="column">
        <Text bold>Organizations {servedSuites(deps).length > 1 ? <Text color={theme.muted}>(one list for both suites)</Text> : null}
          {repository.suite === 'classic' ? <Text color={theme.muted}>(the classic route lists names only, not subjects)</Text> : null}</Text>
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
