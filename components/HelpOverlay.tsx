import React from 'react';
import {Box, Text} from 'ink';
import {GLOBAL_KEYS, type KeyHelp} from './keys.js';
import {useDeps} from './deps.js';

/** The `?` overlay: the current screen's keys, then the global ones. */
export function HelpOverlay({screenKeys}: {readonly screenKeys: readonly KeyHelp[]}) {
  const {theme} = useDeps();
  const rows = [...screenKeys, ...GLOBAL_KEYS];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Keys</Text>
      {rows.map((row) => (
        <Box key={`${row.keys}-${row.action}`}>
          <Box width={16}><Text color={theme.accent}>{row.keys}</Text></Box>
          <Text>{row.action}</Text>
        </Box>
      ))}
      <Text color={theme.muted}>Esc or ? closes this help</Text>
    </Box>
  );
}
