#!/usr/bin/env node
import {listOrgsCommand} from '../src/cli/commands/list-orgs.js';
import {main} from './command-main.js';

await main(listOrgsCommand);
