import React from 'react';
import {Text, useInput} from 'ink';
import type {KeyHelp} from '../keys.js';
import type {SessionRequest} from '../hooks/app-reducer.js';

export const WIZARD_KEYS: readonly KeyHelp[] = [];

/** (Being built: replaced by the real screen.) */
export function Wizard(props: {readonly onBack: () => void; readonly onDone: (request: SessionRequest) => void}) {
  useInput((_input, key) => {
    if (key.escape && 'onBack' in props) props.onBack();
  });
  void (null as unknown as SessionRequest);
  return <Text>Wizard is being built. Esc goes back.</Text>;
}
