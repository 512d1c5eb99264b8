import React, {createContext, useContext, useEffect, type ReactNode} from 'react';

type SetTextEntry = (active: boolean) => void;
const TextEntryContext = createContext<SetTextEntry>(() => {});

/** Lets a view say "the user is typing": the app then leaves `q` and `?` to the text field. */
export function TextEntryProvider({onChange, children}: {readonly onChange: SetTextEntry; readonly children: ReactNode}) {
  return <TextEntryContext.Provider value={onChange}>{children}</TextEntryContext.Provider>;
}

/** Marks text entry active while the calling view is mounted with `active` true. */
export function useTextEntry(active: boolean): void {
  const set = useContext(TextEntryContext);
  useEffect(() => {
    set(active);
    return () => set(false);
  }, [active, set]);
}
