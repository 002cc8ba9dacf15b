#!/usr/bin/env node
// Committed launcher, so npm links the command at install time (dist/ is built later, by prepare).
// It runs the service bundle, one CommonJS file (src/tools/build-bundle.ts says why: ~9 MB less memory than
// loading the ESM module graph file by file).
require('../dist/bundle/wmbus-agent.cjs');
