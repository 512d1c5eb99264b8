import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from './deps.js';

/** The top line: which repository (bundled or external), its pinned key fingerprint, and the suite. */
export function Header({title}: {readonly title: string}) {
  const {repository, theme} = useDeps();
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Box>
        <Text bold color={theme.accent}>rep</Text>
        <Text> · {title}</Text>
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {repository.bundled ? 'bundled repository' : 'repository'} {repository.url} · key {repository.fingerprint.slice(0, 16)}… · suite v2
      </Text>
    </Box>
  );
}
