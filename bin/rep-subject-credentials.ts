#!/usr/bin/env node
import {subjectCredentialsCommand} from '../src/cli/commands/subject-credentials.js';
import {main} from './command-main.js';

await main(subjectCredentialsCommand);
