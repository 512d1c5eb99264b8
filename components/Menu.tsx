import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useScreenInput} from './input.js';
import {isDown, isEnter, isUp} from './keys.js';
import {useDeps} from './deps.js';

/** One entry of a menu. */
export interface MenuItem<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

export interface MenuProps<T extends string> {
  readonly items: readonly MenuItem<T>[];
  readonly onSelect: (value: T) => void;
  readonly isActive?: boolean;
}

/** A vertical menu: ↑/↓ or k/j move, Enter chooses. */
export function Menu<T extends string>({items, onSelect, isActive = true}: MenuProps<T>) {
  const {theme} = useDeps();
  const [index, setIndex] = useState(0);
  useScreenInput((input, key) => {
    if (isUp(input, key)) setIndex((i) => (i + items.length - 1) % items.length);
    else if (isDown(input, key)) setIndex((i) => (i + 1) % items.length);
    else if (isEnter(input, key)) onSelect(items[index].value);
  }, {isActive});
  return (
    <Box flexDirection="column">
      {items.map((item, i) => (
        <Box key={item.value}>
          <Text color={i === index ? theme.selected : undefined} bold={i === index}>{i === index ? '❯ ' : '  '}{item.label}</Text>
          {item.hint ? <Text color={theme.muted}>  {item.hint}</Text> : null}
        </Box>
      ))}
    </Box>
  );
}
