import React from 'react';
import {Text, useInput} from 'ink';
import type {KeyHelp} from '../keys.js';
import type {SessionRequest} from '../hooks/app-reducer.js';

export const HANDSHAKE_KEYS: readonly KeyHelp[] = [];

/** (Being built: replaced by the real screen.) */
export function HandshakeScreen(props: {readonly request: SessionRequest; readonly onHome: () => void; readonly onBack: () => void; readonly onOpenSession: (id: string) => void}) {
  useInput((_input, key) => {
    if (key.escape && 'onBack' in props) props.onBack();
  });
  void (null as unknown as SessionRequest);
  return <Text>HandshakeScreen is being built. Esc goes back.</Text>;
}
