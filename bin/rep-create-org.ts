#!/usr/bin/env node
import {createOrgCommand} from '../src/cli/commands/create-org.js';
import {main} from './command-main.js';

await main(createOrgCommand);
