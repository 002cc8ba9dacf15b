/**
 * Runs a stick emulator on one end of a socat pty pair and prints the other end, so the agent (or
 * any serial tool) can be pointed at a "stick" without hardware:
 *   node --import=tsx --conditions=wmbus-source agent/src/sticks/emulator/pty-cli.ts im871a \
 *        [--tsv fixtures/bench-mix.tsv] [--rate 2] [--noise-every 5] [--bad-every 7] [--once]
 * The TSV's 4th column is the telegram hex (L first, CRC-free), as in the shared corpus.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serialLink } from '../../transport/binding.js';
import { openPtyPair } from '../../transport/pty-pair.js';
import { STICKS } from '../registry.js';
import type { StickKind } from '../types.js';
import { StickEmulator } from './emulator.js';
import { linkEndpoint } from './endpoints.js';
import { EMULATOR_MODELS } from './index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tsv: { type: 'string', default: fileURLToPath(new URL('../../../../fixtures/bench-mix.tsv', import.meta.url)) },
    rate: { type: 'string', default: '1' },
    'noise-every': { type: 'string' },
    'bad-every': { type: 'string' },
    once: { type: 'boolean', default: false },
  },
});
const kind = positionals[0] as StickKind | undefined;
if (!kind || !(kind in STICKS)) {
  console.error(`usage: pty-cli.ts <${Object.keys(STICKS).join('|')}> [--tsv file] [--rate n] [--noise-every n] [--bad-every n] [--once]`);
  process.exit(2);
}
const telegrams = readFileSync(values.tsv!, 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t')[3]?.trim() ?? '')
  .filter((h) => h.length > 0);

const pty = await openPtyPair();
const stickSide = await serialLink({ path: pty.paths[1], baudRate: STICKS[kind].baudRate })();
const emulator = new StickEmulator(EMULATOR_MODELS[kind]());
emulator.attach(linkEndpoint(stickSide));
console.log(`${kind} emulator ready: point the agent at ${pty.paths[0]} (${STICKS[kind].baudRate} baud)`);

let stopping = false;
const stop = async () => {
  stopping = true;
  await stickSide.close();
  await pty.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

do {
  const report = await emulator.replay(telegrams, {
    rate: Number(values.rate),
    ...(values['noise-every'] ? { noiseEvery: Number(values['noise-every']) } : {}),
    ...(values['bad-every'] ? { badChecksumEvery: Number(values['bad-every']) } : {}),
  });
  console.log(`sent ${report.sent} telegrams (${report.corrupted} corrupted, ${report.noiseBytes} noise bytes)`);
} while (!values.once && !stopping);
await stop();
