#!/usr/bin/env node
// Committed launcher, so npm links the command at install time (dist/ is built later, by prepare).
import '../dist/cli/wmbus-collector.js';
