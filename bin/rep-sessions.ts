#!/usr/bin/env node
import {sessionsCommand} from '../src/cli/commands/sessions.js';
import {main} from './command-main.js';

await main(sessionsCommand);
