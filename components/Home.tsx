import React from 'react';
import {Box, Text} from 'ink';
import {Menu} from './Menu.js';
import {useDeps} from './deps.js';
import type {KeyHelp} from './keys.js';

export type HomeChoice = 'create' | 'sessions' | 'walkthrough' | 'repository' | 'attack' | 'help' | 'quit';

const ITEMS = [
  {value: 'create', label: 'Create a session', hint: 'wizard, then the live handshake'},
  {value: 'sessions', label: 'Stored sessions', hint: 'list, verify, delete, export'},
  {value: 'walkthrough', label: 'Walkthrough (step by step)', hint: 'every message, byte by byte'},
  {value: 'repository', label: 'Repository', hint: 'URL, suites and their keys, organizations'},
  {value: 'attack', label: 'Attack lab', hint: 'T1–T14 run for real, the padding oracle live'},
  {value: 'help', label: 'Help'},
  {value: 'quit', label: 'Quit'},
] as const;

export const HOME_KEYS: readonly KeyHelp[] = [];

/** The home menu. */
export function Home({onChoose, isActive = true}: {readonly onChoose: (choice: HomeChoice) => void; readonly isActive?: boolean}) {
  const {theme} = useDeps();
  return (
    <Box flexDirection="column">
      <Menu items={ITEMS} onSelect={onChoose} isActive={isActive} />
      <Box marginTop={1}><Text color={theme.muted}>↑/↓ move · Enter choose · ? help · q quit</Text></Box>
    </Box>
  );
}
