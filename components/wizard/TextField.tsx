import React from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useDeps} from '../deps.js';
import {useTextEntry} from '../text-entry.js';

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onSubmit: () => void;
  /** Masks the value (passwords). */
  readonly mask?: boolean;
  readonly placeholder?: string;
  /** A muted line under the field. */
  readonly note?: string;
  /** A warning under the field (something to know before pressing Enter). */
  readonly warning?: string;
}

/** A labelled ink-text-input; while mounted the app leaves `q` and `?` to it. */
export function TextField({label, value, onChange, onSubmit, mask = false, placeholder, note, warning}: TextFieldProps) {
  const {theme} = useDeps();
  useTextEntry(true);
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold>{label} </Text>
        <TextInput value={value} onChange={onChange} onSubmit={onSubmit} mask={mask ? '•' : undefined} placeholder={placeholder} />
      </Box>
      {note ? <Text color={theme.muted} wrap="wrap">{note}</Text> : null}
      {warning ? <Text color={theme.warning} wrap="wrap">{warning}</Text> : null}
    </Box>
  );
}
