/**
 * npm run bench:agent [-- --seconds N]: an emulated iM871A at full rate through the real agent path —
 * serialport (mock binding) → HCI framing → stick driver → duplicate removal → filters → decrypt/decode/
 * drivers → SQLite outbox with group commits — for N seconds (default 15). The emulator replays the
 * benchmark mix (fixtures/bench-mix.tsv, keys provisioned) as fast as the port takes it. The duplicate
 * window is 0 here because the mix repeats the same ten telegrams; with a window they would all be
 * (correctly) dropped as repeats.
 * `--rate N` offers N telegrams/s instead of full speed (memory at a sustained rate).
 * Last line: `agent telegrams_per_s=N rss_mb=N fsyncs_per_100=N`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Outbox } from '../store/index.js';
import { KeyStore } from '../keys/key-store.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { StickDriver } from '../sticks/stick-driver.js';
import { STICKS } from '../sticks/registry.js';
import { emulatedStick } from '../emulated-stick.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, rate: { type: 'string', default: '0' } } });
/** Telegrams per second to offer; 0 = as fast as the agent takes them. */
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const mixFile = fileURLToPath(new URL('../../../fixtures/bench-mix.tsv', import.meta.url));
const mix = readFileSync(mixFile, 'utf8').trim().split('\n').map((l) => l.split('\t'));

const dir = mkdtempSync(join(tmpdir(), 'wmbus-bench-agent-'));
const outbox = Outbox.open({ path: join(dir, 'outbox.db'), gatewayId: 'bench' });
const keys = KeyStore.open(join(dir, 'keys.json'));
for (const [, id, key] of mix) if (key && key !== 'NOKEY') keys.add(id!, key);
const pipeline = new Pipeline({ outbox, keys: Object.assign((id: string, m: string) => keys.lookup(id, m), { has: (id: string) => keys.has(id) }), dedupeWindowMs: 0 });

const stick = emulatedStick('im871a', STICKS.im871a.baudRate);
const driver = new StickDriver({ protocol: STICKS.im871a.protocol, open: stick.open, stickId: 'bench', silenceTimeoutMs: 0 });
let stored = 0;
driver.on('telegram', (t) => {
  if (pipeline.handle(t) === 'stored') stored++;
});
await driver.start();

const hexes = mix.map((m) => m[3]!);
// Rounds of the mix per write burst (50 at full rate: the mock port then delivers large chunks, as a UART
// FIFO would; 10 when paced).
const batch = Array.from({ length: rate > 0 ? 10 : 50 }, () => hexes).flat();
let running = true;
let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 200);
// Flow control as a UART gives it: the next burst goes out once the host has taken the previous one, so
// the memory figure is the agent's, not a queue of bytes the emulator wrote ahead.
let sent = 0;
const feeding = (async () => {
  while (running) {
    await stick.emulator.replay(batch, { rate: 0 });
    sent += batch.length;
    while (running && driver.counters.telegrams < sent) await new Promise((r) => setImmediate(r));
    if (rate > 0) await new Promise((r) => setTimeout(r, (1000 * batch.length) / rate));
  }
})();

const commitsBefore = outbox.stats().commits;
const started = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, seconds * 1000));
running = false;
await feeding;
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
const storedAtEnd = stored;
outbox.flush();
const s = outbox.stats();
const commits = s.commits - commitsBefore;
clearInterval(sampler);
await driver.stop();
outbox.close();
rmSync(dir, { recursive: true, force: true });

console.log(`stick frames_ok=${driver.counters.framesOk} discarded_bytes=${driver.counters.discardedBytes} checksum_errors=${driver.counters.checksumErrors}`);
console.log(`pipeline decoded=${pipeline.counters.decoded} undecoded=${JSON.stringify(pipeline.counters.undecoded)} stored=${storedAtEnd} committed=${s.telegramsCommitted} commits=${commits}`);
console.log(`node=${process.version} seconds=${elapsed.toFixed(1)} peak_heap_mb=${(peakHeap / 1048576).toFixed(1)}`);
console.log(`agent telegrams_per_s=${Math.round(storedAtEnd / elapsed)} rss_mb=${(peakRss / 1048576).toFixed(1)} fsyncs_per_100=${((100 * commits) / Math.max(1, s.telegramsCommitted)).toFixed(2)}`);
