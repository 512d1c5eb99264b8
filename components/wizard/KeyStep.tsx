import {basename, join} from 'node:path';
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {displayPath} from '../../src/cli/credential-files.js';
import {useDeps} from '../deps.js';
import {isDown, isEnter, isUp} from '../keys.js';
import {wrongCurvePhrase, type KeyFile} from '../hooks/key-files.js';
import type {WizardController} from '../hooks/useWizard.js';
import {SUITE_CURVE, type Suite} from '../suites.js';
import {moveIndex, SelectList, type SelectItem} from './SelectList.js';

const TYPE_PATH = '\u0000path';
const GENERATE = '\u0000generate';

/** How a discovered file is described in the list, for the chosen suite (its curve when known, and whether it fits). */
export function describeCredential(file: KeyFile, demoKey?: string, suite: Suite = 'v2'): {hint: string; problem: boolean} {
  if (file.kind === 'not-a-key') return {hint: `not a key: ${file.problem}`, problem: true};
  if (file.wrongCurve && file.curve) return {hint: wrongCurvePhrase(file.curve, suite), problem: true};
  if (file.problem) return {hint: `wrong kind: ${file.problem}`, problem: true};
  if (file.kind === 'unencrypted') return {hint: `unencrypted ${file.curve ?? SUITE_CURVE[suite]} key`, problem: false};
  const kind = file.curve ? `encrypted ${file.curve}` : 'encrypted';
  return {hint: file.path === demoKey ? `${kind} · demo, password prefilled` : kind, problem: false};
}

const usable = (file: KeyFile) => file.kind !== 'not-a-key' && !file.problem && !file.wrongCurve;

/**
 * The highlighted item at first: the file chosen before, else `<username>.pem` in REP_HOME/credentials, else the
 * first usable key (each only if usable for the suite); with none, "generate new credentials…" (index `files.length + 1`).
 */
export function defaultKeyIndex(files: readonly KeyFile[], chosen: string, preferred: string): number {
  const at = (test: (file: KeyFile) => boolean) => files.findIndex((file) => usable(file) && test(file));
  for (const index of [at((f) => f.path === chosen), at((f) => f.path === preferred), at(() => true)]) {
    if (index >= 0) return index;
  }
  return files.length + 1;
}

/** The subject's private key, for the chosen suite's curve: from the files found, a typed path, or new credentials. */
export function KeyStep({wizard}: {readonly wizard: WizardController}) {
  const {paths, theme} = useDeps();
  const {state, credentials, folders, demoKey, chooseKey, dispatch} = wizard;
  const v = state.values;
  const curve = SUITE_CURVE[v.suite];
  const items: SelectItem[] = [
    ...credentials.map((file) => ({key: file.path, label: displayPath(file.path, folders), ...describeCredential(file, demoKey, v.suite)})),
    {key: TYPE_PATH, label: 'type a path…', hint: 'any file, Tab completes'},
    {key: GENERATE, label: 'generate new credentials…', hint: `a new ${curve} key pair in REP_HOME/credentials`},
  ];
  const preferred = join(paths.credentialsDir, `${v.username}.pem`);
  const [index, setIndex] = useState(() => defaultKeyIndex(credentials, v.keyFile, preferred));
  useScreenInput((input, key) => {
    if (isUp(input, key)) setIndex(moveIndex(index, -1, items.length));
    else if (isDown(input, key)) setIndex(moveIndex(index, 1, items.length));
    else if (isEnter(input, key)) {
      const item = items[index];
      if (item.key === TYPE_PATH) dispatch({type: 'choose-key-path'});
      else if (item.key === GENERATE) dispatch({type: 'choose-generate'});
      else chooseKey(item.key);
    }
  });
  return (
    <Box flexDirection="column">
      <Text bold>Private key of {v.username} <Text color={theme.muted}>({curve}, for the {v.suite} suite)</Text></Text>
      <Text color={theme.muted}>*.pem in REP_HOME/credentials and the current folder</Text>
      {credentials.length === 0 ? <Text color={theme.muted}>  (no credentials files found there)</Text> : null}
      <SelectList items={items} index={index} maxVisible={9} labelWidth={Math.max(30, ...items.map((i) => Math.min(44, i.label.length + 3)))} />
      {v.keyFile && !credentials.some((f) => f.path === v.keyFile) ? <Text color={theme.muted}>chosen before: {basename(v.keyFile)}</Text> : null}
    </Box>
  );
}
