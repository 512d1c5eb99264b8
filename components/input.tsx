import React, {createContext, useContext, type ReactNode} from 'react';
import {useInput, type Key} from 'ink';

const InputActiveContext = createContext(true);

/** Turns keyboard input off for every view below (e.g. while the help overlay covers the screen). */
export function InputActive({active, children}: {readonly active: boolean; readonly children: ReactNode}) {
  const outer = useContext(InputActiveContext);
  return <InputActiveContext.Provider value={outer && active}>{children}</InputActiveContext.Provider>;
}

/** Ink's useInput, inactive when an enclosing {@link InputActive} is off or `options.isActive` is false. */
export function useScreenInput(handler: (input: string, key: Key) => void, options: {readonly isActive?: boolean} = {}): void {
  const active = useContext(InputActiveContext);
  useInput(handler, {isActive: active && (options.isActive ?? true)});
}

/** Whether keyboard input is on here (for components such as text fields that take a `focus` prop). */
export const useInputActive = (): boolean => useContext(InputActiveContext);
