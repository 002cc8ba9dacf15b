#!/usr/bin/env node
import { runAgentCli } from './commands.js';

process.exitCode = await runAgentCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
