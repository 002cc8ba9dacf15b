/**
 * Runs an emulated wired M-Bus (meters behind a level converter) on one end of a socat pty pair and prints
 * the other end, so the wired master can be pointed at a bus without hardware:
 *   node --import=tsx --conditions=wmbus-source agent/src/wired/pty-cli.ts \
 *        aptmbusna/W kamheat/Kamstrup_403_mbus iem3000/S3_1,iem3000/S3_2,iem3000/S3_3
 * Each argument is one meter: corpus cases (fixtures/telegrams/<driver>/<case>.json, wired frames starting
 * 68) separated by commas form a multi-telegram answer. Line: 2400 baud 8E1 (radio.md § 3.4).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialLink } from '../transport/binding.js';
import { openPtyPair } from '../transport/pty-pair.js';
import { linkEndpoint } from '../sticks/emulator/endpoints.js';
import { EmulatedWiredBus } from './emulator.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const meters = (args.length ? args : ['aptmbusna/W', 'kamheat/Kamstrup_403_mbus', 'iem3000/S3_1,iem3000/S3_2,iem3000/S3_3']).map((arg) => ({
  frames: arg.split(',').map((c) => (JSON.parse(readFileSync(`${root}fixtures/telegrams/${c}.json`, 'utf8')) as { hex: string }).hex),
}));

const pty = await openPtyPair();
const busSide = await serialLink({ path: pty.paths[1], baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 })();
const bus = new EmulatedWiredBus(meters);
bus.attach(linkEndpoint(busSide));
for (const m of bus.meters) console.log(`meter primary ${m.primaryAddress} secondary ${JSON.stringify(m.address)} (${m.frames.length} telegram(s))`);
console.log(`wired M-Bus emulator ready: point the master at ${pty.paths[0]} (2400 8E1)`);

const stop = async () => {
  await busSide.close();
  await pty.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
