import React from 'react';
import {render, Text} from 'ink';
import {App} from '../components/App.js';
import {themeFor} from '../components/theme.js';
import type {Screen} from '../components/hooks/app-reducer.js';
import {createStoreWarningLog} from '../components/sessions/store-warnings.js';
import {describeError} from '../src/cli/errors.js';
import {repPaths} from '../src/paths.js';
import {createConfSessionStore} from '../src/store/session-store.js';
import {openRepository} from './open-repository.js';

/** Options of the interactive app. */
export interface TuiOptions {
  readonly seed?: string;
  readonly initialScreen?: Screen;
}

/**
 * Starts the Ink app on the terminal: opens the repository (bundled in-process unless REP_ADDRESS), the
 * session store, renders, and on exit (q, Ctrl-C) closes the repository and the in-process server.
 */
export async function runTui(options: TuiOptions = {}): Promise<number> {
  const env = process.env;
  const theme = themeFor(env);
  // First frame at once; the repository (maybe the bundled server: database, keys) opens behind it.
  const instance = render(
    <Text color={theme.muted}>rep · {env.REP_ADDRESS ? `connecting to ${env.REP_ADDRESS}` : 'starting the bundled repository'}…</Text>,
    {exitOnCtrlC: true},
  );
  let repository;
  try {
    repository = await openRepository(env);
  } catch (error) {
    const failure = describeError(error);
    instance.unmount();
    process.stderr.write(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
  const paths = repPaths(env);
  // Store recoveries (a corrupt entry skipped, a corrupt file moved aside) are shown by the sessions
  // screen instead of Node warnings printed over the UI.
  const storeWarnings = createStoreWarningLog();
  const store = createConfSessionStore({dir: paths.storeDir, onWarning: storeWarnings.onWarning});
  const deps = {repository, store, storeWarnings, paths, env, theme, cwd: process.cwd(), seed: options.seed};
  instance.rerender(<App deps={deps} initialScreen={options.initialScreen} />);
  try {
    await instance.waitUntilExit();
  } finally {
    await repository.close();
  }
  return 0;
}
