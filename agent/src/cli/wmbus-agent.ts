#!/usr/bin/env node
import { runAgentCli } from './commands.js';

// No top-level await: this file is also the entry of the CommonJS service bundle (tools/build-bundle.ts).
void runAgentCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
