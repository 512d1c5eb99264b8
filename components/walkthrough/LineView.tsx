import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from '../deps.js';
import type {Line} from './lines.js';

export interface LineViewProps {
  readonly lines: readonly Line[];
}

/** Draws pre-laid-out lines, one terminal row each (cut at the edge, never wrapped), in the theme's colours. */
export function LineView({lines}: LineViewProps) {
  const {theme} = useDeps();
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((segment, j) => (
            <Text key={j} color={segment.tone ? theme[segment.tone] : undefined} bold={segment.bold}>{segment.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
