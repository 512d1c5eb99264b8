import React, {type ReactNode} from 'react';
import {Box, Text} from 'ink';
import type {StoredSession} from '../../src/store/session-record.js';
import {useDeps} from '../deps.js';
import {suiteTarget} from '../suites.js';
import {isExpired, keyEntryKind, keyFingerprint, shortDate, timeLeft} from './format.js';

export interface SessionDetailProps {
  readonly session: StoredSession;
  /** Show the raw key material (base64url) beside the fingerprints. */
  readonly revealed: boolean;
  readonly now: number;
}

const LABEL = 15;

function Field({label, children}: {readonly label: string; readonly children: ReactNode}) {
  return (
    <Box>
      <Box width={LABEL} flexShrink={0}><Text bold>{label}</Text></Box>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}

/** One session: identity, repository, lifetime, sequence number and key fingerprints (raw keys only when revealed). */
export function SessionDetail({session, revealed, now}: SessionDetailProps) {
  const deps = useDeps();
  const {theme} = deps;
  const target = suiteTarget(deps, session.suite);
  const ours = session.repositoryKeyFingerprint === target?.fingerprint;
  const expired = isExpired(session, now);
  const keyNames = Object.keys(session.keys);
  const nameWidth = Math.max(14, ...keyNames.map((n) => n.length)) + 2;
  return (
    <Box flexDirection="column">
      <Field label="id">{session.id}</Field>
      <Field label="organization">{session.organization}</Field>
      <Field label="username">{session.username}</Field>
      <Field label="suite">{session.suite}</Field>
      <Field label="server">{session.serverUrl}</Field>
      <Field label="repository key">{session.repositoryKeyFingerprint}</Field>
      <Field label="">
        <Text color={ours ? theme.muted : theme.warning}>
          {ours ? 'SHA-256 of the repository key: the one this app pins' : target ? 'not the key this app pins: verify cannot run here' : `this app has no ${session.suite} repository: verify cannot run here`}
        </Text>
      </Field>
      <Field label="created">{shortDate(session.createdAt)}</Field>
      <Field label="expires">
        {shortDate(session.expiresAt)} <Text color={expired ? theme.warning : theme.muted}>{expired ? 'EXPIRED' : `(${timeLeft(session.expiresAt, now)})`}</Text>
      </Field>
      <Field label="next sequence">{session.nextSequence}</Field>
      <Field label="key material">
        <Text color={theme.muted}>{revealed ? 'SHA-256 (first 16 hex), then the raw key: R hides it' : 'SHA-256, first 16 hex digits (R reveals the raw keys)'}</Text>
      </Field>
      {keyNames.map((name) => {
        const kind = keyEntryKind(session, name);
        if (kind === 'identifier') return <Text key={name}>{'  '}{name.padEnd(nameWidth)}{session.keys[name]} <Text color={theme.muted}>(an identifier, not a key)</Text></Text>;
        return (
          <Text key={name}>
            {'  '}{name.padEnd(nameWidth)}{keyFingerprint(session.keys[name], kind)}
            {revealed ? <Text color={theme.warning}>  {session.keys[name]}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
