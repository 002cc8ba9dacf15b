/**
 * Ingest into a real SQLite file: idempotent replays, one reading per transmission across gateways,
 * the time-bounded dedupe window, keys that arrive later, compact formats that survive a restart,
 * invalid payloads that store nothing.
 */
import t from 'tap';
import { join } from 'node:path';
import { encodeJson, encodePayload } from '@wmbus/protocol';
import { SqliteRepository } from '../../src/store/index.js';
import { IngestError, Ingestor } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir, withFrameACrcs } from './helpers.js';

// KAM 76348799 cold water, plaintext: 6.408 m3 (fixtures/telegrams/kamwater/MyTapWater.json).
const kamwater = fixture('kamwater/MyTapWater.json');
// VIP 23701267 heat cost allocator, AES mode 5: 859 units at 2026-02-09 09:41 with the fixture's key.
const kaden = fixture('kaden/KadenC10.json');

function open(t: { teardown(fn: () => void): void }, file = join(tempDir(t), 'collector.db')): { repo: SqliteRepository; ingest: Ingestor; file: string } {
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  return { repo, ingest: new Ingestor(repo, { now: () => T0 + 5000 }), file };
}

t.test('a plaintext telegram becomes a reading decoded by the collector, with its raw telegram', async (t) => {
  const { repo, ingest } = open(t);
  const result = ingest.ingestBatch('gw-a', batch(telegram(1, kamwater.raw)));
  t.same(result, { telegrams: 1, stored: 1, duplicates: 0, readingsCreated: 1, readingsJoined: 0, undecoded: {} });

  const meter = repo.meter({ manufacturer: 'KAM', id: '76348799' })!;
  t.match(meter, { version: 0x1b, deviceType: 0x16, firstSeenAt: T0, lastSeenAt: T0, gateways: [{ gatewayId: 'gw-a', lastRssiDbm: -70, lastSeenAt: T0 }] });
  const page = repo.readings({ meter });
  t.equal(page.items.length, 1);
  const reading = page.items[0]!;
  t.equal(reading.receivedAt, T0);
  t.equal(reading.storedAt, T0 + 5000);
  t.equal(reading.reading.current?.value, kamwater.expected.total_m3);
  t.equal(reading.reading.current?.unit, 'm3');
  t.ok(reading.records.length > 0);
  const [raw] = repo.rawTelegramsOfReading(reading.id);
  t.same(reading.rawTelegramIds, [raw!.id]);
  t.same(raw!.raw, kamwater.raw);
  t.match(raw, { gatewayId: 'gw-a', seq: 1, decodeStatus: 'ok', linkMode: 'C1', frameFormat: 'A', stickId: 'stick0', meter: { manufacturer: 'KAM', id: '76348799' } });
  t.match(repo.gateway('gw-a'), { id: 'gw-a', createdAt: T0 + 5000, lastSeenAt: T0 + 5000 });
});

t.test('a replayed batch changes nothing and reports its telegrams as duplicates', async (t) => {
  const { repo, ingest } = open(t);
  const b = batch(telegram(1, kamwater.raw), telegram(2, kaden.raw, { receivedAt: T0 + 1 }));
  const first = ingest.ingestBatch('gw-a', b);
  t.equal(first.stored, 2);
  const before = { counts: repo.counts(), rows: repo.db.prepare('SELECT * FROM raw_telegrams ORDER BY id').all(), readings: repo.db.prepare('SELECT * FROM readings').all() };
  const replay = ingest.ingestBatch('gw-a', b);
  t.same(replay, { telegrams: 2, stored: 0, duplicates: 2, readingsCreated: 0, readingsJoined: 0, undecoded: {} });
  t.same(repo.counts(), before.counts);
  t.same(repo.db.prepare('SELECT * FROM raw_telegrams ORDER BY id').all(), before.rows);
  t.same(repo.db.prepare('SELECT * FROM readings').all(), before.readings);
  // Another gateway's seq 1 is another telegram: idempotency is per (gateway, seq).
  t.equal(ingest.ingestBatch('gw-b', batch(telegram(1, kaden.raw, { receivedAt: T0 + 2 }))).stored, 1);
});

t.test('one transmission heard by two gateways is one reading listing both raw telegrams and RSSIs', async (t) => {
  const { repo, ingest } = open(t);
  ingest.ingestBatch('gw-a', batch(telegram(10, kamwater.raw, { rssiDbm: -81, receivedAt: T0 + 400 })));
  // Gateway B's stick keeps the DLL CRCs and appends LQI/RSSI bytes; its clock is 400 ms behind.
  const result = ingest.ingestBatch('gw-b', batch(telegram(7, withFrameACrcs(kamwater.raw), { rssiDbm: -64, stickId: 'cul0' })));
  t.same(result, { telegrams: 1, stored: 1, duplicates: 0, readingsCreated: 0, readingsJoined: 1, undecoded: {} });

  const { items } = repo.readings({ meter: { manufacturer: 'KAM', id: '76348799' } });
  t.equal(items.length, 1);
  t.equal(items[0]!.receivedAt, T0, 'the earliest reception time');
  const raws = repo.rawTelegramsOfReading(items[0]!.id);
  t.same(raws.map((r) => [r.gatewayId, r.rssiDbm]).sort(), [['gw-a', -81], ['gw-b', -64]]);
  t.same(items[0]!.rawTelegramIds, raws.map((r) => r.id).sort((a, b) => a - b));
  t.same(repo.meter({ manufacturer: 'KAM', id: '76348799' })!.gateways.map((g) => [g.gatewayId, g.lastRssiDbm]), [['gw-a', -81], ['gw-b', -64]]);
});

t.test('batches of new gateways stored in one transaction: the meter row and each gateway\'s RSSI are the newest, replays left out', async (t) => {
  const { repo, ingest } = open(t);
  ingest.ingestBatch('gw-a', batch(telegram(1, kamwater.raw, { rssiDbm: -90, receivedAt: T0 - 100_000 })));
  const results = ingest.storeBatches([
    // gw-a: seq 1 is a replay (its RSSI must not count), seq 2 is new and its newest telegram.
    { gatewayId: 'gw-a', batch: batch(telegram(1, kamwater.raw, { rssiDbm: -50, receivedAt: T0 + 900_000 }), telegram(2, kamwater.raw, { rssiDbm: -72, receivedAt: T0 + 300_000 })) },
    // gw-c is not known yet: its row must exist before the meter's per-gateway row refers to it.
    { gatewayId: 'gw-c', batch: batch(telegram(1, kamwater.raw, { rssiDbm: -61, receivedAt: T0 + 200_000 }), telegram(2, kamwater.raw, { rssiDbm: -66, receivedAt: T0 + 100_000 })) },
  ]);
  t.same(results.map((r) => [r.stored, r.duplicates]), [[1, 1], [2, 0]]);
  const meter = repo.meter({ manufacturer: 'KAM', id: '76348799' })!;
  t.match(meter, { firstSeenAt: T0 - 100_000, lastSeenAt: T0 + 300_000 });
  t.same(meter.gateways.map((g) => [g.gatewayId, g.lastRssiDbm, g.lastSeenAt]), [['gw-a', -72, T0 + 300_000], ['gw-c', -61, T0 + 200_000]]);
});

t.test('identical bytes are one reading only within the window: a repeat after it is a new reading', async (t) => {
  const { repo, ingest } = open(t);
  const result = ingest.ingestBatch(
    'gw-a',
    batch(
      telegram(1, kamwater.raw),
      telegram(2, kamwater.raw, { receivedAt: T0 + 30_000 }), // the stick reported it twice
      telegram(3, kamwater.raw, { receivedAt: T0 + 61_000 }), // the meter repeats identical bytes
    ),
  );
  t.match(result, { stored: 3, readingsCreated: 2, readingsJoined: 1 });
  const { items } = repo.readings({ meter: { manufacturer: 'KAM', id: '76348799' } });
  t.same(items.map((r) => [r.receivedAt, r.rawTelegramIds.length]), [[T0, 2], [T0 + 61_000, 1]]);
  // A different transmission of the same meter within the window is its own reading.
  const other = Uint8Array.from(kamwater.raw);
  other[11] = other[11]! ^ 0x01; // access number
  t.match(ingest.ingestBatch('gw-a', batch(telegram(4, other, { receivedAt: T0 + 1000 }))), { readingsCreated: 1 });
});

t.test('an encrypted telegram without key is kept raw; adding the key turns it (from both gateways) into one reading', async (t) => {
  const { repo, ingest } = open(t);
  const first = ingest.ingestBatch('gw-a', batch(telegram(1, kaden.raw, { decodeError: { code: 'KEY_MISSING' } })));
  t.same(first.undecoded, { KEY_MISSING: 1 });
  ingest.ingestBatch('gw-b', batch(telegram(1, kaden.raw, { rssiDbm: -90, receivedAt: T0 + 200 })));
  const meter = { manufacturer: 'VIP', id: '23701267' };
  t.same(repo.readings({ meter }).items, []);
  t.match(repo.counts(), { rawTelegrams: 2, readings: 0, undecoded: 2 });
  t.match(repo.meter(meter), { deviceType: 0x08, driver: null });

  const wrong = Uint8Array.from(kaden.key!);
  wrong[0] = wrong[0]! ^ 0xff;
  const attempt = ingest.addMeterKey(meter, wrong);
  t.same(attempt, { examined: 2, decoded: 0, readingsCreated: 0, readingsJoined: 0, failed: 2, stillUndecoded: { KEY_WRONG: 2 } });
  t.same(repo.db.prepare('SELECT decode_status, agent_error FROM raw_telegrams ORDER BY id').all(), [
    { decode_status: 'KEY_WRONG', agent_error: 'KEY_MISSING' },
    { decode_status: 'KEY_WRONG', agent_error: null },
  ]);

  const fixed = ingest.addMeterKey(meter, kaden.key!);
  t.same(fixed, { examined: 2, decoded: 2, readingsCreated: 1, readingsJoined: 1, failed: 0, stillUndecoded: {} });
  const { items } = repo.readings({ meter });
  t.equal(items.length, 1);
  t.equal(items[0]!.reading.current?.value, kaden.expected.consumption_hca);
  t.equal(items[0]!.meterTime, '2026-02-09T09:41');
  t.equal(items[0]!.rawTelegramIds.length, 2);
  t.equal(repo.counts().undecoded, 0);

  // The key is persisted: after a restart, new telegrams of the meter decode at once.
  const again = new Ingestor(repo);
  t.match(again.ingestBatch('gw-a', batch(telegram(2, kaden.raw, { receivedAt: T0 + 3_600_000 }))), { readingsCreated: 1, undecoded: {} });
});

t.test('compact-frame formats learned from a full frame survive a restart', async (t) => {
  // KAM 77000317 pressure sensor: a full frame, then a compact frame (fixtures/telegrams/kampress).
  const full = fixture('kampress/Pressing.json');
  const compact = fixture('kampress/Pressing_2.json');
  const dir = tempDir(t);

  const fresh = open(t, join(dir, 'fresh.db'));
  t.same(fresh.ingest.ingestBatch('gw-a', batch(telegram(1, compact.raw))).undecoded, { COMPACT_FORMAT_UNKNOWN: 1 });

  const file = join(dir, 'learned.db');
  const first = SqliteRepository.open(file);
  new Ingestor(first).ingestBatch('gw-a', batch(telegram(1, full.raw)));
  t.equal(first.compactFormats().length, 1);
  first.close();

  const { repo, ingest } = open(t, file);
  t.same(ingest.ingestBatch('gw-a', batch(telegram(2, compact.raw, { receivedAt: T0 + 600_000 }))).undecoded, {});
  const { items } = repo.readings({ meter: { manufacturer: 'KAM', id: '77000317' } });
  t.equal(items.length, 2);
  t.ok(items[1]!.records.some((r) => r.value === compact.expected.pressure_bar && r.unit === 'bar'), 'pressure from the compact frame');

  // In the fresh database, the full frame arriving later makes the stored compact frame decodable: it is
  // decoded again right away and becomes a reading.
  fresh.ingest.ingestBatch('gw-a', batch(telegram(2, full.raw, { receivedAt: T0 - 600_000 })));
  t.match(fresh.repo.counts(), { readings: 2, undecoded: 0 });
  const compactReading = fresh.repo.readings({ meter: { manufacturer: 'KAM', id: '77000317' } }).items.find((r) => r.receivedAt === T0)!;
  t.ok(compactReading.records.some((r) => r.value === compact.expected.pressure_bar && r.unit === 'bar'));
});

t.test('invalid input is a typed error and stores nothing', async (t) => {
  const { repo, ingest } = open(t);
  const valid = batch(telegram(1, kamwater.raw));
  const cases: [string, () => unknown, { code: string; contractCode?: string; path?: string }][] = [
    ['rssi out of range in the 2nd telegram', () => ingest.ingestBatch('gw-a', batch(telegram(1, kamwater.raw), telegram(2, kaden.raw, { rssiDbm: 900 }))), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_SCHEMA', path: 'telegrams[1].rssiDbm' }],
    ['empty batch', () => ingest.ingestBatch('gw-a', { ...valid, telegrams: [] }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_SCHEMA' }],
    ['unknown version', () => ingest.ingestBatch('gw-a', { ...valid, v: 2 }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_VERSION' }],
    ['not an object', () => ingest.ingestBatch('gw-a', 'hello'), { code: 'INGEST_PAYLOAD' }],
    ['raw as hex text', () => ingest.ingestBatch('gw-a', { ...valid, telegrams: [{ ...valid.telegrams[0], raw: 'AABB' }] }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_SCHEMA' }],
    ['bad gateway id', () => ingest.ingestBatch('gw/../x', valid), { code: 'INGEST_GATEWAY_ID' }],
    ['bytes that are not CBOR', () => ingest.handleMessage({ gatewayId: 'gw-a', kind: 'up', payload: Uint8Array.of(0xff, 0x00) }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_NOT_CBOR' }],
    ['broken JSON', () => ingest.handleMessage({ gatewayId: 'gw-a', kind: 'up', payload: Buffer.from('{"v":1,') }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_NOT_JSON' }],
    ['a command topic', () => ingest.handleMessage({ gatewayId: 'gw-a', kind: 'cmd', payload: Uint8Array.of(0xa0) }), { code: 'INGEST_KIND' }],
    ['status with an unknown state', () => ingest.ingestStatus('gw-a', { v: 1, state: 'sleeping', ts: T0 }), { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_SCHEMA' }],
  ];
  for (const [name, run, expected] of cases) {
    t.throws(run, expected, name);
    try {
      run();
    } catch (e) {
      t.type(e, IngestError, `${name}: an IngestError`);
    }
  }
  t.same(repo.counts(), { gateways: 0, meters: 0, rawTelegrams: 0, readings: 0, undecoded: 0 });
});

t.test('telegrams the collector cannot read are stored raw with their error code, never thrown', async (t) => {
  const { repo, ingest } = open(t);
  const truncated = kamwater.raw.subarray(0, 20); // L-field says 43 bytes
  const noise = Uint8Array.of(0x05, 0x01, 0x02);
  const result = ingest.ingestBatch('gw-a', batch(telegram(1, truncated), telegram(2, noise), telegram(3, kamwater.raw)));
  t.same(result, { telegrams: 3, stored: 3, duplicates: 0, readingsCreated: 1, readingsJoined: 0, undecoded: { LINK_TRUNCATED: 2 } });
  t.same(repo.db.prepare('SELECT seq, decode_status, meter IS NULL AS no_meter FROM raw_telegrams ORDER BY seq').all(), [
    { seq: 1, decode_status: 'LINK_TRUNCATED', no_meter: 1 },
    { seq: 2, decode_status: 'LINK_TRUNCATED', no_meter: 1 },
    { seq: 3, decode_status: 'ok', no_meter: 0 },
  ]);
});

t.test('broker messages: CBOR and JSON uplinks, status (also as will) and stats', async (t) => {
  let now = T0 + 10_000;
  const repo = SqliteRepository.open(join(tempDir(t), 'c.db'));
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo, { now: () => now });

  const up = batch(telegram(1, kamwater.raw));
  t.match(ingest.handleMessage({ gatewayId: 'gw-a', kind: 'up', payload: encodePayload('up', up) }), { stored: 1, readingsCreated: 1 });
  const json = Buffer.from(encodeJson('up', batch(telegram(2, kaden.raw))));
  t.match(ingest.handleMessage({ gatewayId: 'gw-a', kind: 'up', payload: json }), { stored: 1, undecoded: { KEY_MISSING: 1 } });

  ingest.handleMessage({ gatewayId: 'gw-a', kind: 'status', payload: encodePayload('status', { v: 1, state: 'online', ts: T0 + 9000 }) });
  t.match(repo.gateway('gw-a'), { connState: 'online', connStateAt: T0 + 9000, lastSeenAt: T0 + 10_000 });

  const stats = { v: 1 as const, ts: T0 + 20_000, intervalMs: 60_000, queue: { depth: 3, oldestUnsentAgeMs: 1200 }, sticks: [{ id: 'stick0', state: 'ok' as const }], counters: { framesOk: 42, crcErrors: 1 }, disk: { freeBytes: 1e9, totalBytes: 8e9 } };
  now = T0 + 21_000;
  ingest.handleMessage({ gatewayId: 'gw-a', kind: 'stats', payload: encodePayload('stats', stats) });
  t.match(repo.gateway('gw-a'), { lastStats: { counters: { framesOk: 42, crcErrors: 1 }, queue: { depth: 3 } }, lastStatsAt: T0 + 20_000 });

  // The will carries the time the gateway connected; the collector records when it went offline.
  now = T0 + 99_000;
  ingest.handleMessage({ gatewayId: 'gw-a', kind: 'status', payload: encodePayload('status', { v: 1, state: 'offline', ts: T0 + 8000 }), isWill: true });
  t.match(repo.gateway('gw-a'), { connState: 'offline', connStateAt: T0 + 99_000 });
});

t.test('a compact format learned in a transaction that rolled back is persisted by the next one', async (t) => {
  const full = fixture('kampress/Pressing.json');
  let failNext = true;
  class FlakyRepository extends SqliteRepository {
    override saveCompactFormats(formats: Parameters<SqliteRepository['saveCompactFormats']>[0], at: number): number {
      if (failNext) {
        failNext = false;
        throw new Error('I/O error');
      }
      return super.saveCompactFormats(formats, at);
    }
  }
  const repo = new FlakyRepository(SqliteRepository.open(join(tempDir(t), 'f.db')).db);
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo);
  t.throws(() => ingest.ingestBatch('gw-a', batch(telegram(1, full.raw))), { message: 'I/O error' });
  t.same(repo.compactFormats(), []);
  ingest.ingestBatch('gw-a', batch(telegram(1, full.raw)));
  t.equal(repo.compactFormats().length, 1);
});

t.test('a wired M-Bus frame is filed under the address of its TPL long header', async (t) => {
  // KAM 77447744 (Multical 403, wired): 34510 kWh (fixtures/telegrams/kamheat/Kamstrup_403_mbus.json).
  const wired = fixture('kamheat/Kamstrup_403_mbus.json');
  const { repo, ingest } = open(t);
  t.match(ingest.ingestBatch('gw-a', batch(telegram(1, wired.raw))), { stored: 1, readingsCreated: 1, undecoded: {} });
  const [reading] = repo.readings({ meter: { manufacturer: 'KAM', id: '77447744' } }).items;
  // The reading view keeps energy in Wh.
  t.equal(reading?.reading.current?.value, (wired.expected.total_energy_consumption_kwh as number) * 1000);
  t.equal(reading?.reading.current?.unit, 'Wh');
  t.match(repo.meter({ manufacturer: 'KAM', id: '77447744' }), { deviceType: 0x04, driver: 'kamheat' });
});

t.test('a batch of random bytes is stored raw, counted by code, and never throws', async (t) => {
  const { repo, ingest } = open(t);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const telegrams = Array.from({ length: 300 }, (_, i) => {
    const raw = Uint8Array.from({ length: 1 + (random() % 120) }, random);
    raw[0] = raw.length - 1; // let most of them pass the L-field check and reach the deeper layers
    return telegram(i + 1, raw, { receivedAt: T0 + i });
  });
  const result = ingest.ingestBatch('gw-a', batch(...telegrams));
  const undecoded = Object.values(result.undecoded).reduce((a, b) => a + b, 0);
  t.equal(result.stored, 300);
  t.equal(undecoded + result.readingsCreated + result.readingsJoined, 300);
  t.ok(undecoded > 0, JSON.stringify(result.undecoded));
  t.equal(ingest.decoder.internalErrors, 0, 'the decoder threw only coded errors');
  t.equal(repo.counts().rawTelegrams, 300);
});
