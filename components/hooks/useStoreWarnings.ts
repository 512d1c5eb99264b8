import {useSyncExternalStore} from 'react';
import type {SessionStoreWarning} from '../../src/store/session-store.js';
import type {StoreWarningLog} from '../sessions/store-warnings.js';

const NONE: readonly SessionStoreWarning[] = [];
const never = () => () => {};

/** The session store's warnings so far (none without a log), re-rendering when a new one arrives. */
export function useStoreWarnings(log: StoreWarningLog | undefined): readonly SessionStoreWarning[] {
  return useSyncExternalStore(log ? log.subscribe : never, log ? log.list : () => NONE);
}
