#!/usr/bin/env node
import { runCollectorCli } from './commands.js';

process.exitCode = await runCollectorCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
