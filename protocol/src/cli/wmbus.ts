#!/usr/bin/env node
/**
 * wmbus: the protocol command line.
 *   wmbus decode [--key HEX] [--explain] HEX    decode one telegram, print JSON (or annotated bytes)
 *   wmbus decode --jsonl                        JSON lines on stdin/stdout (protocol of shared/corpus/score.mjs)
 *   wmbus replay [DIR|FILE]                     decode fixture telegrams and print what they read
 */
import { runCli } from './commands.js';

process.exitCode = await runCli(process.argv.slice(2), process.stdin, process.stdout, process.stderr);
