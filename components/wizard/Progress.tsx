import React from 'react';
import {Box, Text} from 'ink';
import {basename} from 'node:path';
import {useDeps} from '../deps.js';
import type {WizardState, WizardStep} from '../hooks/wizard-reducer.js';

/** The wizard's stages as a breadcrumb; each step belongs to one. */
const STAGES = ['organization', 'username', 'suite', 'private key', 'your details'] as const;
type Stage = (typeof STAGES)[number];
const STAGE_OF: Record<WizardStep, Stage> = {
  organization: 'organization', 'new-organization': 'organization', username: 'username', suite: 'suite',
  key: 'private key', 'key-path': 'private key', password: 'private key', 'generate-name': 'private key', 'generate-password': 'private key',
  'full-name': 'your details', email: 'your details',
};

/** The stages to show: "your details" only when a new organization is created. */
export const wizardStages = (state: WizardState) => STAGES.filter((s) => s !== 'your details' || state.values.createOrganization);

/** What was answered in the stages already passed: `acme · alice · suite v2 · key alice.pem`. */
export function wizardSummary(state: WizardState): string {
  const v = state.values;
  const stages = wizardStages(state);
  const passed = stages.slice(0, stages.indexOf(STAGE_OF[state.step]));
  const value: Record<Stage, string> = {
    organization: `${v.organization}${v.createOrganization ? ' (new)' : ''}`, username: v.username, suite: `suite ${v.suite}`,
    'private key': `key ${basename(v.keyFile)}`, 'your details': `${v.fullName} <${v.email}>`,
  };
  return passed.map((stage) => value[stage]).join(' · ');
}

/** `organization › username › suite › private key`, the current stage highlighted, passed ones ticked; the answers so far below. */
export function Progress({state}: {readonly state: WizardState}) {
  const {theme} = useDeps();
  const stages = wizardStages(state);
  const current = stages.indexOf(STAGE_OF[state.step]);
  const summary = wizardSummary(state);
  return (
    <Box flexDirection="column">
      <Box>
        {stages.map((stage, i) => (
          <Text key={stage}>
            {i > 0 ? <Text color={theme.muted}> › </Text> : null}
            <Text bold={i === current} color={i === current ? theme.accent : i < current ? theme.success : theme.muted}>
              {i < current ? '✓ ' : i === current ? '▸ ' : ''}{stage}
            </Text>
          </Text>
        ))}
      </Box>
      {summary ? <Text color={theme.muted} wrap="truncate-middle">{summary}</Text> : null}
    </Box>
  );
}
