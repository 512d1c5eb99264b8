import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from '../deps.js';
import type {WizardState, WizardStep} from '../hooks/wizard-reducer.js';

/** The wizard's stages as a breadcrumb; each step belongs to one. */
const STAGES = ['organization', 'username', 'private key', 'your details', 'suite'] as const;
const STAGE_OF: Record<WizardStep, (typeof STAGES)[number]> = {
  organization: 'organization', 'new-organization': 'organization', username: 'username',
  key: 'private key', 'key-path': 'private key', password: 'private key', 'generate-name': 'private key', 'generate-password': 'private key',
  'full-name': 'your details', email: 'your details', suite: 'suite',
};

/** The stages to show: "your details" only when a new organization is created. */
export const wizardStages = (state: WizardState) => STAGES.filter((s) => s !== 'your details' || state.values.createOrganization);

/** `organization › username › private key › suite`, the current stage highlighted, passed ones ticked. */
export function Progress({state}: {readonly state: WizardState}) {
  const {theme} = useDeps();
  const stages = wizardStages(state);
  const current = stages.indexOf(STAGE_OF[state.step]);
  return (
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
  );
}
