import type {SessionStoreWarning} from '../../src/store/session-store.js';

/** Collects the session store's warnings for the UI (instead of `process.emitWarning`, which would draw over it). */
export interface StoreWarningLog {
  /** Give this to `createConfSessionStore({onWarning})`. */
  readonly onWarning: (warning: SessionStoreWarning) => void;
  /** The distinct warnings so far, oldest first (the same array until a new one arrives). */
  list(): readonly SessionStoreWarning[];
  /** Calls `listener` after each new distinct warning; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A warning log that keeps each distinct message once (a corrupt entry is reported on every read). */
export function createStoreWarningLog(): StoreWarningLog {
  let warnings: readonly SessionStoreWarning[] = [];
  const listeners = new Set<() => void>();
  return {
    onWarning(warning) {
      if (warnings.some((w) => w.message === warning.message)) return;
      warnings = [...warnings, warning];
      for (const listener of listeners) listener();
    },
    list: () => warnings,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
