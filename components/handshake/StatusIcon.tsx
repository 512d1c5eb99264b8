import React from 'react';
import {Text} from 'ink';
import Spinner from 'ink-spinner';
import {useDeps} from '../deps.js';

export type IconStatus = 'pending' | 'running' | 'done' | 'failed';

/** ✓ done, ✗ failed, a spinner while running, · pending; always one column wide. */
export function StatusIcon({status}: {readonly status: IconStatus}) {
  const {theme} = useDeps();
  if (status === 'running') return <Text color={theme.accent}><Spinner type="dots" /></Text>;
  if (status === 'done') return <Text color={theme.success}>✓</Text>;
  if (status === 'failed') return <Text color={theme.error}>✗</Text>;
  return <Text color={theme.muted}>·</Text>;
}
