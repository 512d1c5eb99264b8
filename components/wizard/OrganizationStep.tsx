import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from '../input.js';
import TextInput from 'ink-text-input';
import {useDeps} from '../deps.js';
import type {OrganizationView} from '../hooks/useOrganizations.js';
import type {WizardController} from '../hooks/useWizard.js';
import {useTextEntry} from '../text-entry.js';
import {moveIndex, SelectList, type SelectItem} from './SelectList.js';

const NEW = '\u0000new';

/** The organization's first active subject: the username offered by default. */
export const defaultSubject = (org: OrganizationView) => (org.subjects.find((s) => s.status === 'active') ?? org.subjects[0])?.username;

/** The organizations whose name contains the filter (case-insensitive). */
export const filterOrganizations = (orgs: readonly OrganizationView[], filter: string) =>
  orgs.filter((org) => org.name.toLowerCase().includes(filter.trim().toLowerCase()));

/** Step 1: an organization from the repository's list (filter as you type), or a new one. */
export function OrganizationStep({wizard}: {readonly wizard: WizardController}) {
  const {theme} = useDeps();
  const {state, organizations, edit, dispatch} = wizard;
  const v = state.values;
  const orgs = organizations.status === 'ready' ? filterOrganizations(organizations.organizations, v.filter) : [];
  const items: SelectItem[] = [
    ...orgs.map((org) => ({key: org.name, label: org.name, hint: org.subjects.map((s) => (s.status === 'active' ? s.username : `${s.username} (${s.status})`)).join(', ')})),
    {key: NEW, label: '+ create a new organization', hint: v.filter.trim() && orgs.length === 0 ? `named "${v.filter.trim()}"` : undefined},
  ];
  const [index, setIndex] = useState(() => Math.max(0, orgs.findIndex((org) => org.name === v.organization)));
  const current = Math.min(index, items.length - 1);
  useTextEntry(true);
  useScreenInput((_input, key) => {
    if (key.upArrow) setIndex(moveIndex(current, -1, items.length));
    else if (key.downArrow) setIndex(moveIndex(current, 1, items.length));
  });
  // Enter while the list is still loading chooses once it has arrived (the highlighted first item, as shown).
  const [pending, setPending] = useState(false);
  const submit = () => {
    if (organizations.status === 'loading') return setPending(true);
    const org = orgs[current];
    if (org) dispatch({type: 'choose-organization', name: org.name, defaultUsername: defaultSubject(org)});
    else dispatch({type: 'create-organization'});
  };
  useEffect(() => {
    if (pending && organizations.status !== 'loading') {
      setPending(false);
      submit();
    }
  });
  return (
    <Box flexDirection="column">
      <Text bold>Organization</Text>
      <Box>
        <Text color={theme.muted}>filter </Text>
        <TextInput value={v.filter} placeholder="type to filter" onSubmit={submit} onChange={(value) => {
          edit('filter', value);
          setIndex(0);
        }} />
      </Box>
      {organizations.status === 'loading' ? <Text color={theme.muted}>loading the repository's organizations…{pending ? ' (Enter chooses once loaded)' : ''}</Text> : null}
      {organizations.status === 'error' ? <Text color={theme.error}>cannot list organizations: {organizations.message}</Text> : null}
      {organizations.status === 'ready' && orgs.length === 0 ? (
        <Text color={theme.muted}>{organizations.organizations.length === 0 ? 'the repository has no organizations yet' : 'no organization matches the filter'}</Text>
      ) : null}
      <SelectList items={items} index={current} maxVisible={7} labelWidth={32} />
    </Box>
  );
}
