import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import {useDeps} from '../deps.js';
import {isDown, isEnter, isUp} from '../keys.js';
import type {WizardController} from '../hooks/useWizard.js';
import {SUITE_CURVE, SUITES, type Suite} from '../suites.js';
import {moveIndex, SelectList, type SelectItem} from './SelectList.js';

const HINTS: Readonly<Record<Suite, string>> = {
  v2: `the hardened suite (docs/PROTOCOL.md) · ${SUITE_CURVE.v2} keys`,
  classic: `the SIO 2024/25 reference's wire format · ${SUITE_CURVE.classic} keys`,
};

const NOTES: Readonly<Record<Suite, string>> = {
  v2: 'Transcript-bound signatures, AEAD channel, key confirmation (A3.4–A3.6), sequence-numbered requests.',
  classic: "docs/CLASSIC.md: speaks the reference's bytes, weaknesses included (no binding, no key confirmation, unauthenticated CBC): " +
    'for compatibility and to compare with v2. Subjects need a P-521 key: generate one, and create a new organization for it.',
};

/** The suite, chosen before the key: it decides the key's curve (v2 P-256, classic P-521) and the routes used. */
export function SuiteStep({wizard}: {readonly wizard: WizardController}) {
  const {theme} = useDeps();
  const {state, unavailable, chooseSuite} = wizard;
  const [index, setIndex] = useState(() => Math.max(0, SUITES.indexOf(state.values.suite)));
  const items: SelectItem[] = SUITES.map((suite) => ({
    key: suite, label: suite, hint: unavailable[suite] ? 'not available with this repository (Enter says why)' : HINTS[suite], problem: unavailable[suite] !== undefined,
  }));
  useScreenInput((input, key) => {
    if (isUp(input, key)) setIndex(moveIndex(index, -1, items.length));
    else if (isDown(input, key)) setIndex(moveIndex(index, 1, items.length));
    else if (isEnter(input, key)) chooseSuite(SUITES[index]);
  });
  return (
    <Box flexDirection="column">
      <Text bold>Suite for {state.values.organization}/{state.values.username}</Text>
      <SelectList items={items} index={index} labelWidth={10} />
      <Box marginTop={1}><Text color={theme.muted} wrap="wrap">{NOTES[SUITES[index]]}</Text></Box>
    </Box>
  );
}
