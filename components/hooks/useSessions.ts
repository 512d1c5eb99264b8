import {useCallback, useEffect, useState} from 'react';
import {describeError} from '../../src/cli/errors.js';
import type {StoredSession} from '../../src/store/session-record.js';
import type {SessionStore} from '../../src/store/session-store.js';

/** The stored sessions as loaded from the store. */
export type SessionsLoad =
  | {readonly status: 'loading'}
  | {readonly status: 'error'; readonly message: string}
  | {readonly status: 'ready'; readonly sessions: readonly StoredSession[]};

/** The load state plus `reload()` (which keeps showing the previous list until the new one arrives). */
export type UseSessions = SessionsLoad & {readonly reload: () => void};

/** Reads the session store once, then again on every `reload()`. */
export function useSessions(store: SessionStore): UseSessions {
  const [load, setLoad] = useState<SessionsLoad>({status: 'loading'});
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    store.list().then(
      (sessions) => live && setLoad({status: 'ready', sessions}),
      (error: unknown) => live && setLoad({status: 'error', message: describeError(error).message}),
    );
    return () => {
      live = false;
    };
  }, [store, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return {...load, reload};
}
