/**
 * Throughput of each stick's framing + normalisation (no I/O): the bench-mix telegrams (radio.md § 8.6)
 * encoded as the stick sends them, fed in 64-byte chunks. Prints frames/s and MB/s per stick.
 *   node --import=tsx --conditions=wmbus-source agent/src/sticks/bench/framing-bench.ts [corpus.tsv] [frames]
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { fromHex } from '@wmbus/protocol';
import { STICKS } from '../registry.js';
import { EMULATOR_MODELS } from '../emulator/index.js';
import type { StickContext } from '../stick-driver.js';
import type { StickKind } from '../types.js';

const corpus = process.argv[2] ?? fileURLToPath(new URL('../../../../fixtures/bench-mix.tsv', import.meta.url));
const total = Number(process.argv[3] ?? 200_000);
const CHUNK = 64;
const telegrams = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => fromHex(l.split('\t')[3]!));

for (const kind of Object.keys(STICKS) as StickKind[]) {
  const model = EMULATOR_MODELS[kind]();
  const encoded = telegrams.map((tg) => model.indication(tg, 0x99));
  const stream = Buffer.concat(Array.from({ length: Math.ceil(total / encoded.length) }, () => encoded).flat());
  const context: StickContext = { stickId: 'bench', rssiEnabled: true, linkModes: [], phase: 'data' };
  const parser = STICKS[kind].protocol.createParser(context);
  const protocol = STICKS[kind].protocol;
  const at = new Date();
  let out = 0;
  const start = process.hrtime.bigint();
  for (let pos = 0; pos < stream.length; pos += CHUNK) {
    for (const e of parser.feed(stream.subarray(pos, pos + CHUNK), 0)) if (e.kind === 'frame') out += protocol.toTelegrams(e.frame, context, at).length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${kind.padEnd(9)} ${String(out).padStart(7)} telegrams  ${(out / seconds).toFixed(0).padStart(8)} frames/s  ${(stream.length / seconds / 1e6).toFixed(1).padStart(6)} MB/s`,
  );
}
