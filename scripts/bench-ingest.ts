/**
 * Collector ingest benchmark: uplink batches into a real SQLite file, through the same path the broker
 * uses (CBOR payload → contract validation → collector-side decode → one transaction per batch).
 *
 *   node --import=tsx --conditions=wmbus-source scripts/bench-ingest.ts
 *     [--telegrams N=200000] [--batch 500] [--gateways 1] [--cache on|off] [--sync FULL|NORMAL] [--path cbor|object] [--db FILE] [--checkpoint PAGES]
 *     [--decode-thread on|off] [--window W=16]
 *
 * Telegrams: the 10-telegram mix of fixtures/bench-mix.tsv (radio.md § 8.6, 5 encrypted) with their keys
 * given to the collector, one gateway, distinct seqs. Each round of the mix is stamped 61 s after the
 * previous one, so every telegram is a new reading (identical bytes within 60 s would be one reading).
 * Because the mix repeats identical bytes, `--cache on` (default, as in production) decodes each of the 10
 * telegrams once; `--cache off` decodes every telegram, the figure for a stream of all-different telegrams.
 * `--gateways G` > 1: batch k comes from gateway k mod G, and G batches are submitted at once through the
 * IngestQueue (as G gateways publishing concurrently to the broker), so they share one commit.
 * `--decode-thread on`: through the IngestQueue with its decode thread (as the collector server runs it),
 * keeping up to W batches in flight as a gateway's in-flight window does; the figure is the ingest's
 * capacity on a machine of its own (both cores for the collector).
 * Last lines: `ingest readings_per_s=N batches_per_s=N` and the database size.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodePayload, fromHex, type UplinkBatch, type UplinkTelegram } from '@wmbus/protocol';
import { SqliteRepository } from '../collector/src/store/index.js';
import { IngestQueue, Ingestor, linkIdentity, type IngestResult } from '../collector/src/ingest/index.js';

const { values } = parseArgs({
  options: {
    telegrams: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '500' },
    gateways: { type: 'string', default: '1' },
    cache: { type: 'string', default: 'on' },
    sync: { type: 'string', default: 'FULL' },
    path: { type: 'string', default: 'cbor' },
    db: { type: 'string' },
    checkpoint: { type: 'string' },
    'decode-thread': { type: 'string', default: 'off' },
    window: { type: 'string', default: '16' },
  },
});
const total = Number(values.telegrams);
const batchSize = Number(values.batch);
const gateways = Number(values.gateways);
const sync = values.sync === 'NORMAL' ? 'NORMAL' : 'FULL';

const mix = readFileSync(new URL('../fixtures/bench-mix.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const [driver, id, key, hex] = l.split('\t');
    return { driver: driver!, id: id!, key: key === 'NOKEY' ? null : fromHex(key!), raw: fromHex(hex!) };
  });

const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'bench-ingest-'));
const file = values.db ?? join(dir!, 'collector.db');
const repo = SqliteRepository.open(file, { synchronous: sync, ...(values.checkpoint ? { walAutocheckpoint: Number(values.checkpoint) } : {}) });
const ingest = new Ingestor(repo, { cacheSize: values.cache === 'off' ? 0 : 4096 });

// The collector holds the keys (the meter address is read from each telegram's link header).
for (const m of mix) {
  if (!m.key) continue;
  const address = linkIdentity(m.raw).address!;
  ingest.addMeterKey({ manufacturer: address.manufacturer, id: address.id }, m.key);
}

const T0 = Date.UTC(2026, 0, 1);
const batches: UplinkBatch[] = [];
const nextSeq = new Array<number>(gateways).fill(1);
for (let start = 0; start < total; start += batchSize) {
  const telegrams: UplinkTelegram[] = [];
  const gateway = batches.length % gateways;
  for (let i = start; i < Math.min(total, start + batchSize); i++) {
    const m = mix[i % mix.length]!;
    const round = Math.floor(i / mix.length);
    telegrams.push({ seq: nextSeq[gateway]!++, raw: m.raw, receivedAt: T0 + round * 61_000 + (i % mix.length), stickId: 'im871a-0', rssiDbm: -60 - (i % 30), linkMode: 'C1', frameFormat: 'A' });
  }
  batches.push({ v: 1, sentAt: T0, telegrams });
}
const payloads = values.path === 'cbor' ? batches.map((b) => encodePayload('up', b)) : [];

const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
let readings = 0;
let undecoded = 0;
const tally = (result: IngestResult) => {
  readings += result.readingsCreated + result.readingsJoined;
  undecoded += Object.values(result.undecoded).reduce((a, b) => a + b, 0);
};
const gatewayId = (i: number) => `bench-gw-${i % gateways}`;
const decodeThread = values['decode-thread'] === 'on';
const queue = new IngestQueue(ingest, { decodeThread });
if (decodeThread) {
  // A window of batches in flight, each submitted when an earlier one is stored (PUBACK).
  const window = Number(values.window);
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < batches.length; i++) {
    const p: Promise<void> = queue.submit({ gatewayId: gatewayId(i), kind: 'up', payload: payloads[i] ?? encodePayload('up', batches[i]!) }).then((r) => {
      tally(r!);
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= window) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
} else if (gateways === 1) {
  for (let i = 0; i < batches.length; i++) {
    tally(values.path === 'cbor' ? ingest.handleMessage({ gatewayId: gatewayId(i), kind: 'up', payload: payloads[i]! })! : ingest.ingestBatch(gatewayId(i), batches[i]!));
  }
} else {
  for (let i = 0; i < batches.length; i += gateways) {
    const round: Promise<IngestResult | undefined>[] = [];
    for (let k = i; k < Math.min(batches.length, i + gateways); k++) round.push(queue.submit({ gatewayId: gatewayId(k), kind: 'up', payload: payloads[k] ?? encodePayload('up', batches[k]!) }));
    for (const result of await Promise.all(round)) tally(result!);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// On a shared machine wall time includes other processes' turns; CPU time is this process's own cost.
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

await queue.close();
const counts = repo.counts();
repo.db.pragma('wal_checkpoint(TRUNCATE)');
repo.close();
const dbBytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

console.log(`telegrams=${total} batches=${batches.length} batch=${batchSize} gateways=${gateways} commits=${gateways === 1 && !decodeThread ? batches.length : queue.counters.commits} decode_thread=${decodeThread ? 'on' : 'off'} path=${values.path} cache=${values.cache} synchronous=${sync} seconds=${seconds.toFixed(2)} cpu_seconds=${cpuSeconds.toFixed(2)}`);
console.log(`stored readings=${counts.readings} raw=${counts.rawTelegrams} undecoded=${undecoded} meters=${counts.meters}`);
if (readings !== total || undecoded !== 0) console.log(`WARNING: ${total - readings} telegrams did not become readings`);
console.log(`db bytes=${dbBytes} bytes_per_reading=${Math.round(dbBytes / Math.max(1, counts.readings))}`);
console.log(`ingest readings_per_cpu_s=${Math.round(readings / cpuSeconds)} (wall time on this machine: ${seconds.toFixed(2)} s)`);
console.log(`ingest readings_per_s=${Math.round(readings / seconds)} batches_per_s=${(batches.length / seconds).toFixed(1)}`);
if (dir) rmSync(dir, { recursive: true, force: true });
