import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {completePath} from '../../src/cli/credential-files.js';
import {useDeps} from '../deps.js';
import type {WizardController} from '../hooks/useWizard.js';
import {TextField} from './TextField.js';

const MAX_CANDIDATES = 12;

/** Step 3b: the path of a private key file, typed, with Tab completion like a shell. */
export function KeyPathStep({wizard}: {readonly wizard: WizardController}) {
  const {cwd, theme} = useDeps();
  const {state, edit, submitKeyPath} = wizard;
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  // A new key remounts the input after a completion, so its cursor goes to the end of the completed text.
  const [completions, setCompletions] = useState(0);
  useScreenInput((_input, key) => {
    if (!key.tab) return;
    const completion = completePath(state.values.keyPath, cwd);
    setCandidates(completion.candidates);
    if (completion.value !== state.values.keyPath) {
      edit('keyPath', completion.value);
      setCompletions((n) => n + 1);
    }
  });
  const shown = candidates.slice(0, MAX_CANDIDATES);
  return (
    <Box flexDirection="column">
      <TextField key={completions} label="Private key file" value={state.values.keyPath} placeholder="path/to/key.pem"
        onChange={(value) => {
          edit('keyPath', value);
          setCandidates([]);
        }}
        onSubmit={submitKeyPath} note={`Tab completes · relative to ${cwd}`} />
      {shown.length > 0 ? (
        <Text color={theme.muted} wrap="wrap">
          {shown.join('  ')}{candidates.length > shown.length ? `  … ${candidates.length - shown.length} more` : ''}
        </Text>
      ) : null}
    </Box>
  );
}
