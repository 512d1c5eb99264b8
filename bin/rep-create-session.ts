#!/usr/bin/env node
import {createSessionCommand} from '../src/cli/commands/create-session.js';
import {main} from './command-main.js';

await main(createSessionCommand);
