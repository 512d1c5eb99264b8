import React from 'react';
import {render, Text} from 'ink';
import {themeFor} from '../components/theme.js';
import type {Screen} from '../components/hooks/app-reducer.js';

/** Options of the interactive app. */
export interface TuiOptions {
  readonly seed?: string;
  readonly initialScreen?: Screen;
}

/**
 * Starts the Ink app on the terminal. The first frame is drawn from React, Ink and the theme alone; the app,
 * the repository (bundled in-process unless REP_ADDRESS: database, keys) and the session store load behind
 * it (separate chunks of the bundle). On exit (q, Ctrl-C) the repository and the in-process server close.
 */
export async function runTui(options: TuiOptions = {}): Promise<number> {
  const env = process.env;
  const theme = themeFor(env);
  const instance = render(
    <Text color={theme.muted}>rep · {env.REP_ADDRESS ? `connecting to ${env.REP_ADDRESS}` : 'starting the bundled repository'}…</Text>,
    {exitOnCtrlC: true},
  );
  const [{App}, {createStoreWarningLog}, {describeError}, {repPaths}, {createConfSessionStore}, {openAppRepositories}] = await Promise.all([
    import('../components/App.js'),
    import('../components/sessions/store-warnings.js'),
    import('../src/cli/errors.js'),
    import('../src/paths.js'),
    import('../src/store/session-store.js'),
    import('./open-repository.js'),
  ]);
  let repositories;
  try {
    repositories = await openAppRepositories(env);
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
  const {repository, classic} = repositories;
  const deps = {repository, classic, store, storeWarnings, paths, env, theme, cwd: process.cwd(), seed: options.seed};
  instance.rerender(<App deps={deps} initialScreen={options.initialScreen} />);
  try {
    await instance.waitUntilExit();
  } finally {
    await repositories.close();
  }
  return 0;
}
