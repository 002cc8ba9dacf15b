#!/usr/bin/env node
/**
 * npm run bench:decode [-- --seconds N]: decodes the 10 telegrams of fixtures/bench-mix.tsv (radio.md § 8.6;
 * 5 encrypted) round-robin on one core for at least N seconds (default 10), fully: decryption with keys,
 * records, and the meter driver with its reading view (interpret), as the agent does for every telegram.
 * Last line: `decode telegrams_per_s=N us_per_telegram=N`.
 */
import { parseArgs } from 'node:util';
import { decodeTelegram } from '../wmbus/decode.js';
import { interpret } from '../meters/interpret.js';
import { DEFAULT_REGISTRY } from '../meters/registry.js';
import { loadBenchMix } from './fixtures.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const seconds = Number(values.seconds);
const mix = loadBenchMix();
const formats = DEFAULT_REGISTRY.compactFormatStore();

// Every telegram of the mix must decode; a benchmark of failures would measure nothing.
for (const t of mix) interpret(decodeTelegram(t.bytes, { key: t.key, compactFormats: formats }));

const perDriver = new Map<string, { n: number; ns: bigint }>();
let n = 0;
let records = 0;
const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
const start = process.hrtime.bigint();
let now = start;
while (now < deadline) {
  for (const t of mix) {
    const t0 = process.hrtime.bigint();
    const d = interpret(decodeTelegram(t.bytes, { key: t.key, compactFormats: formats }));
    const t1 = process.hrtime.bigint();
    records += d.records.length;
    const s = perDriver.get(t.driver) ?? { n: 0, ns: 0n };
    s.n++;
    s.ns += t1 - t0;
    perDriver.set(t.driver, s);
    n++;
    now = t1;
  }
}
const elapsed = Number(now - start) / 1e9;
for (const [driver, s] of perDriver) console.log(`${driver.padEnd(14)} ${(Number(s.ns) / s.n / 1000).toFixed(2)} us`);
console.log(`records_per_telegram=${(records / n).toFixed(1)} node=${process.version} seconds=${elapsed.toFixed(1)}`);
console.log(`decode telegrams_per_s=${Math.round(n / elapsed)} us_per_telegram=${((elapsed * 1e6) / n).toFixed(2)}`);
