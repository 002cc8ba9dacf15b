/**
 * Billing API benchmark: period-end readings of a 500-meter property over HTTP, with 10,000,000 readings
 * (and as many raw telegrams) stored.
 *
 *   node --import=tsx --conditions=wmbus-source scripts/bench-api.ts [--meters 500] [--readings 10000000]
 *     [--requests 200] [--db FILE (reuse a file built before)] [--keep]
 *
 * The data set is built with direct SQL inserts in transactions of 50,000 rows (the ingest path would take
 * hours for 10 M telegrams): 500 radio meters, readings evenly spread over 2023-01-01 .. 2024-12-31 in time
 * order across meters (as they arrive), each with a reading view JSON like the ingest writes (current value,
 * due-date value and date, one month-end history value, meter time, status) and one raw telegram (48 bytes
 * of filler: the period-end path never decodes raw bytes). Foreign keys are off while building and on while
 * serving.
 *
 * Each request asks for all 500 period-end readings of 31.12.2023 in one page (limit=500) from a Fastify
 * instance listening on loopback, so the figure includes routing, auth, the pipeline, SQLite and JSON.
 * Last line: `api period_end_p99_ms=N`.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteRepository } from '../collector/src/store/index.js';
import { Ingestor } from '../collector/src/ingest/index.js';
import { ApiKeys } from '../collector/src/http/api-keys.js';
import { buildApp } from '../collector/src/http/app.js';
import { PropertiesStore } from '../collector/src/properties/index.js';

const { values } = parseArgs({
  options: {
    meters: { type: 'string', default: '500' },
    readings: { type: 'string', default: '10000000' },
    requests: { type: 'string', default: '200' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const meterCount = Number(values.meters);
const readingCount = Number(values.readings);
const requests = Number(values.requests);

const FROM = Date.UTC(2022, 11, 31, 23, 0); // 2023-01-01 00:00 Berlin
const TO = Date.UTC(2024, 11, 31, 23, 0);
const DUE_2023 = Date.UTC(2023, 11, 31, 23, 0); // end of 31.12.2023, Berlin

const dir = values.db ? undefined : mkdtempSync(join(tmpdir(), 'bench-api-'));
const path = values.db ?? join(dir!, 'collector.db');
const reuse = values.db !== undefined && existsSync(values.db);
const repo = SqliteRepository.open(path, { synchronous: 'NORMAL' });
const db = repo.db;

/** Meter k's value grows by (k % 7 + 1) litres per stored reading; the due-date value is frozen at each 31.12. */
const perStep = (k: number) => (k % 7) + 1;
const step = (TO - FROM) / (readingCount / meterCount);

function build(): void {
  const started = performance.now();
  db.pragma('foreign_keys = OFF');
  db.prepare(`INSERT INTO gateways (id, created_at) VALUES ('gw-bench', ?)`).run(FROM);
  const insertMeter = db.prepare(`INSERT INTO meters (manufacturer, meter_id, version, device_type, driver, kind, first_seen_at, last_seen_at) VALUES ('ABC', ?, 1, 6, NULL, 'warm water', ?, ?)`);
  db.transaction(() => {
    for (let k = 0; k < meterCount; k++) insertMeter.run(String(k + 1).padStart(8, '0'), FROM, TO);
  })();
  const insertReading = db.prepare(`INSERT INTO readings (id, meter, dedupe_key, received_at, stored_at, meter_time, driver, kind, reading) VALUES (?, ?, ?, ?, ?, ?, NULL, 'warm water', ?)`);
  const insertRaw = db.prepare(`INSERT INTO raw_telegrams (id, gateway_id, seq, received_at, stored_at, stick_id, raw, rssi_dbm, link_mode, frame_format, meter, dedupe_key, decode_status, agent_error, reading)
    VALUES (?, 'gw-bench', ?, ?, ?, 'stick0', ?, -70, 'C1', 'A', ?, ?, 'ok', NULL, ?)`);
  const raw = Buffer.alloc(48, 0x5a);
  const perMeter = Math.floor(readingCount / meterCount);
  let id = 0;
  const BATCH = 50_000;
  for (let i = 0; i < perMeter; ) {
    db.transaction(() => {
      for (let end = Math.min(perMeter, i + Math.ceil(BATCH / meterCount)); i < end; i++) {
        for (let k = 0; k < meterCount; k++) {
          id++;
          // Meters send at different minutes; all 500 stay in time order overall.
          const at = Math.round(FROM + i * step + (k * step) / meterCount);
          const value = ((i * perStep(k)) / 1000).toFixed(3);
          const due = at > DUE_2023 ? { d: '2023-12-31', i: Math.floor((DUE_2023 - FROM) / step) } : { d: '2022-12-31', i: 0 };
          const local = new Date(at + 3_600_000).toISOString().slice(0, 16);
          const json = `{"kind":"warm water","history":[{"value":${value},"unit":"m3","date":"${due.d}","storage":17}],"status":{"flags":[],"texts":[]},"meterTime":"${local}","current":{"value":${value},"unit":"m3","at":"${local}"},"dueDate":{"value":${((due.i * perStep(k)) / 1000).toFixed(3)},"unit":"m3","date":"${due.d}"}}`;
          const key = Buffer.allocUnsafe(8);
          key.writeUInt32LE(id, 0);
          key.writeUInt32LE(k, 4);
          insertReading.run(id, k + 1, key, at, at, local, json);
          insertRaw.run(id, id, at, at, raw, k + 1, key, id);
        }
      }
    })();
    if (i % (perMeter / 10 < 1 ? 1 : Math.floor(perMeter / 10)) < Math.ceil(BATCH / meterCount)) {
      process.stderr.write(`  ${id.toLocaleString('en')} readings, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  db.pragma('foreign_keys = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - started) / 1000;
  console.log(`build readings=${id} raw_telegrams=${id} seconds=${seconds.toFixed(1)} rows_per_s=${Math.round((2 * id) / seconds)}`);
}

if (!reuse) build();
else console.log(`reusing ${path}`);

// The property: meters 1..N in units of four, installed before the period.
const props = new PropertiesStore(db);
let property = props.properties().find((p) => p.name === 'bench');
if (!property) {
  property = props.createProperty({ name: 'bench', dueDate: '12-31' });
  db.transaction(() => {
    for (let k = 0; k < meterCount; k += 4) {
      const unit = props.createUnit(property!.id, { name: `unit ${k / 4 + 1}`, areaM2: 60 });
      for (let j = k; j < Math.min(meterCount, k + 4); j++) {
        const meter = props.createMeter(property!.id, { kind: 'warmWater', manufacturer: 'ABC', radioId: String(j + 1).padStart(8, '0') });
        props.assignMeter(unit.id, { meterId: meter.id, position: `WW ${j - k + 1}`, installed: '2022-12-31' });
      }
    }
  })();
}

// The per-meter seek of the pipeline (reading-pipeline/stored-values.ts): must be an index SEARCH, no sort.
for (const row of db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM readings WHERE meter = 1 AND received_at > 0 AND received_at <= 1 ORDER BY received_at LIMIT 1 OFFSET 0`).all() as { detail: string }[]) {
  console.log(`plan ${row.detail}`);
}
console.log(`db file_mb=${(statSync(path).size / 1e6).toFixed(0)} meters=${meterCount} readings=${(db.prepare('SELECT max(id) AS n FROM readings').get() as { n: number }).n}`);

const apiKeys = ApiKeys.memory();
const key = apiKeys.create('billing').key;
const app = await buildApp({ repo, ingestor: new Ingestor(repo), apiKeys, properties: props });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const url = `${address}/api/v1/billing/properties/${property.id}/period-end-readings?periodEnd=2023-12-31&limit=${meterCount}`;
const headers = { authorization: `Bearer ${key}` };

// Check once that the answer is right: every meter's value frozen at 31.12.2023.
const first = (await (await fetch(url, { headers })).json()) as { items: { kind?: string; value?: number; source?: string; error?: unknown }[] };
const wrong = first.items.filter((r, k) => r.kind !== 'A' || r.source !== 'dueDate' || r.value !== Number(((Math.floor((DUE_2023 - FROM) / step) * perStep(k)) / 1000).toFixed(3)));
console.log(`check items=${first.items.length} wrong=${wrong.length}${wrong.length ? ` first_wrong=${JSON.stringify(wrong[0])}` : ''}`);

for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm-up
const times: number[] = [];
for (let i = 0; i < requests; i++) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  times.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
await app.close();
repo.close();
if (dir && !values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${path}`);
console.log(`api period_end_p50_ms=${pct(50).toFixed(2)} p90_ms=${pct(90).toFixed(2)} max_ms=${times[times.length - 1]!.toFixed(2)} requests=${requests}`);
console.log(`api period_end_p99_ms=${pct(99).toFixed(2)}`);
