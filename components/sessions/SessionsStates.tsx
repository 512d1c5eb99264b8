import React from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {SessionStoreWarning} from '../../src/store/session-store.js';
import {useDeps} from '../deps.js';

/** Shown until the store was read once. */
export function SessionsLoading() {
  const {theme} = useDeps();
  return <Text color={theme.muted}><Spinner type="dots" /> reading the session store…</Text>;
}

/** The store could not be read: the one-sentence reason. */
export function SessionsError({message}: {readonly message: string}) {
  const {theme, store} = useDeps();
  return (
    <Box flexDirection="column">
      <Text color={theme.error}>Cannot read the stored sessions: {message}</Text>
      <Text color={theme.muted}>{store.path} · r tries again · Esc back</Text>
    </Box>
  );
}

/** No sessions at all yet. */
export function SessionsEmpty() {
  const {theme, store} = useDeps();
  return (
    <Box flexDirection="column">
      <Text>No stored sessions yet.</Text>
      <Text color={theme.muted}>Create one from the home menu (Create a session) or with rep-create-session.</Text>
      <Text color={theme.muted} wrap="truncate-middle">Store: {store.path}</Text>
    </Box>
  );
}

/** The store's latest warning (e.g. a corrupt entry it skipped), with how many there were. */
export function SessionsWarnings({warnings}: {readonly warnings: readonly SessionStoreWarning[]}) {
  const {theme} = useDeps();
  if (warnings.length === 0) return null;
  const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more)` : '';
  return <Box marginTop={1}><Text color={theme.warning}>⚠ {warnings[warnings.length - 1].message}{more}</Text></Box>;
}
