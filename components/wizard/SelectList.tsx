import React from 'react';
import {Box, Text} from 'ink';
import {useDeps} from '../deps.js';

/** One choice of a list. */
export interface SelectItem {
  readonly key: string;
  readonly label: string;
  readonly hint?: string;
  /** Shows the hint as a problem (wrong kind of key ...). */
  readonly problem?: boolean;
}

export interface SelectListProps {
  readonly items: readonly SelectItem[];
  /** The highlighted item (controlled by the step). */
  readonly index: number;
  /** At most this many rows; the list scrolls around the highlighted item. */
  readonly maxVisible?: number;
  /** Width of the label column (hints line up after it). */
  readonly labelWidth?: number;
}

/** The slice of `count` rows to show so that `index` stays visible. */
export function visibleWindow(count: number, index: number, max: number): {start: number; end: number} {
  if (count <= max) return {start: 0, end: count};
  const start = Math.min(Math.max(0, index - Math.floor(max / 2)), count - max);
  return {start, end: start + max};
}

/** A controlled vertical list: `❯` marks the highlighted item; ↑/↓ handling is the caller's. */
export function SelectList({items, index, maxVisible = 8, labelWidth}: SelectListProps) {
  const {theme} = useDeps();
  const {start, end} = visibleWindow(items.length, index, maxVisible);
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text color={theme.muted}>  ↑ {start} more</Text> : null}
      {items.slice(start, end).map((item, i) => {
        const selected = start + i === index;
        return (
          <Box key={item.key}>
            <Box width={labelWidth} flexShrink={0}>
              <Text color={selected ? theme.selected : undefined} bold={selected} wrap="truncate-middle">{selected ? '❯ ' : '  '}{item.label}</Text>
            </Box>
            {item.hint ? <Text color={item.problem ? theme.warning : theme.muted} wrap="truncate-end">  {item.hint}</Text> : null}
          </Box>
        );
      })}
      {end < items.length ? <Text color={theme.muted}>  ↓ {items.length - end} more</Text> : null}
    </Box>
  );
}

/** Moves a list index by `delta`, wrapping around. */
export const moveIndex = (index: number, delta: number, count: number) => (count === 0 ? 0 : (index + delta + count) % count);
