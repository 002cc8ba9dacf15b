#!/usr/bin/env node
/**
 * npm run fuzz [-- --inputs N --seed S]: runs the decoder fuzzer (fuzz-core.ts) over the fixture telegrams.
 * Last line: `fuzz inputs=N crashes=N`; exit code 1 when anything crashed.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz-core.js';

const { values } = parseArgs({ options: { inputs: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' } } });
const started = process.hrtime.bigint();
const r = runFuzz(Number(values.inputs), Number(values.seed));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
for (const example of r.examples) console.error(`crash: ${example}`);
console.log(`seed=${values.seed} corpus_seeds=${r.seeds} coded_errors=${r.codedErrors} seconds=${seconds.toFixed(1)}`);
console.log(`fuzz inputs=${r.inputs} crashes=${r.crashes}`);
process.exitCode = r.crashes ? 1 : 0;
