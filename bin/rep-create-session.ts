#!/usr/bin/env node
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {createSessionCommand} from '../src/cli/commands/create-session.js';
import {wizardSuite} from '../src/cli/wizard-args.js';
import {main} from './command-main.js';
import type {TuiOptions} from './rep-tui.js';

const argv = process.argv.slice(2);
const wizard = process.stdin.isTTY === true && process.stdout.isTTY === true ? wizardSuite(argv) : undefined;
if (wizard !== undefined) {
  // The same wizard as `rep` → Create a session, then the live handshake (bundle when built: faster start-up).
  process.env.NODE_ENV ??= 'production';
  const bundle = new URL('./rep-tui.bundle.js', import.meta.url);
  const module: {runTui: (options: TuiOptions) => Promise<number>} = await import(existsSync(fileURLToPath(bundle)) ? bundle.href : './rep-tui.js');
  process.exitCode = await module.runTui({initialScreen: {name: 'wizard', suite: wizard.suite}});
} else {
  await main(createSessionCommand, argv);
}
