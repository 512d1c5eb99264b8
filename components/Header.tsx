import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from './deps.js';
import {servedSuites, suiteTarget} from './suites.js';

/**
 * The top lines: the title and the suites offered, then which repository (bundled or external) and its pinned
 * key fingerprint — one per suite when it serves both (v2 P-256, classic P-521).
 */
export function Header({title}: {readonly title: string}) {
  const deps = useDeps();
  const {repository, theme} = deps;
  const suites = servedSuites(deps);
  const keys = suites.length === 1
    ? `key ${repository.fingerprint.slice(0, 16)}… · suite ${suites[0]}`
    : `keys ${suites.map((suite) => `${suite} ${suiteTarget(deps, suite)?.fingerprint.slice(0, 8)}…`).join(' ')}`;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Box justifyContent="space-between">
        <Box>
          <Text bold color={theme.accent}>rep</Text>
          <Text wrap="truncate-end"> · {title}</Text>
        </Box>
        {suites.length > 1 ? <Text color={theme.muted}>suites {suites.join(' · ')}</Text> : null}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {repository.bundled ? 'bundled repository' : 'repository'} {repository.url} · {keys}
      </Text>
    </Box>
  );
}
