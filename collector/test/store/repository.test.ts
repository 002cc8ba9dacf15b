/**
 * The SQLite repository on real files: schema versioning, keyset pagination of a meter's readings, the
 * latest reading per meter, keys and gateways. Readings are made by the ingest from real telegrams.
 */
import t from 'tap';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeTelegram, DEFAULT_REGISTRY, interpret } from '@wmbus/protocol';
import { MIGRATIONS, SCHEMA_VERSION, SqliteRepository, StoreError, type ReadingRecord } from '../../src/store/index.js';
import { Ingestor, linkIdentity } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir } from '../ingest/helpers.js';

const kamwater = fixture('kamwater/MyTapWater.json');
const KAM = { manufacturer: 'KAM', id: '76348799' };
const MINUTE = 60_000;

/** The same meter's telegram with another access number: a distinct transmission. */
const transmission = (n: number): Uint8Array => {
  const raw = Uint8Array.from(kamwater.raw);
  raw[11] = n & 0xff;
  return raw;
};

t.test('a new file gets the current schema in WAL mode; a file from a newer collector is refused untouched', async (t) => {
  const dir = tempDir(t);
  const repo = SqliteRepository.open(join(dir, 'a.db'));
  t.equal(repo.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  t.equal(repo.db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(repo.db.pragma('synchronous', { simple: true }), 2, 'FULL: a commit that returned survives a power cut');
  repo.close();
  SqliteRepository.open(join(dir, 'a.db')).close(); // reopening migrates nothing and keeps working

  const newer = new Database(join(dir, 'newer.db'));
  newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  newer.close();
  t.throws(() => SqliteRepository.open(join(dir, 'newer.db')), { code: 'STORE_SCHEMA_NEWER' });
  const check = new Database(join(dir, 'newer.db'));
  t.same(check.prepare(`SELECT name FROM sqlite_master`).all(), [], 'no table created');
  check.close();
});

t.test('readings of a meter over a time range, keyset-paginated', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'p.db'));
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo);
  // 25 transmissions two minutes apart, and at minute 20 two distinct ones at the same millisecond.
  const telegrams = Array.from({ length: 25 }, (_, i) => telegram(i + 1, transmission(i), { receivedAt: T0 + i * 2 * MINUTE }));
  telegrams.push(telegram(26, transmission(200), { receivedAt: T0 + 20 * MINUTE }));
  t.match(ingest.ingestBatch('gw-a', batch(...telegrams)), { readingsCreated: 26 });
  // Another meter's readings must not show up.
  ingest.ingestBatch('gw-a', batch(telegram(27, fixture('kampress/Pressing.json').raw, { receivedAt: T0 + 4 * MINUTE })));

  const all: ReadingRecord[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = repo.readings({ meter: KAM, limit: 10, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  t.equal(pages, 3);
  t.equal(all.length, 26);
  t.equal(new Set(all.map((r) => r.id)).size, 26, 'no reading twice');
  const order = all.map((r) => [r.receivedAt, r.id]);
  t.same(order, [...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!), 'ordered by (receivedAt, id)');
  t.ok(all.every((r) => r.meter.manufacturer === 'KAM' && r.meter.id === '76348799'));

  // [minute 10, minute 20): readings at 10, 12, 14, 16, 18 — the two at minute 20 are excluded.
  const range = repo.readings({ meter: KAM, from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE, limit: 3 });
  t.same(range.items.map((r) => (r.receivedAt - T0) / MINUTE), [10, 12, 14]);
  const rest = repo.readings({ meter: KAM, from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE, limit: 3, cursor: range.nextCursor });
  t.same(rest.items.map((r) => (r.receivedAt - T0) / MINUTE), [16, 18]);
  t.equal(rest.nextCursor, null);
  // The page boundary falling between the two readings of minute 20 loses neither.
  const at20 = repo.readings({ meter: KAM, from: T0 + 20 * MINUTE, to: T0 + 20 * MINUTE + 1, limit: 1 });
  const at20b = repo.readings({ meter: KAM, from: T0 + 20 * MINUTE, to: T0 + 20 * MINUTE + 1, limit: 1, cursor: at20.nextCursor });
  t.equal(new Set([at20.items[0]!.id, at20b.items[0]!.id]).size, 2);
  t.equal(at20b.nextCursor, null);

  t.same(repo.readings({ meter: { manufacturer: 'ABC', id: '00000000' } }).items, []);
  t.throws(() => repo.readings({ meter: KAM, cursor: 'not-a-cursor' }), { code: 'STORE_CURSOR_INVALID' });
  t.throws(() => repo.readings({ meter: KAM, limit: 0 }), { code: 'STORE_RANGE_INVALID' });
  t.throws(() => repo.readings({ meter: KAM, limit: 1001 }), { code: 'STORE_RANGE_INVALID' });
  t.throws(() => repo.readings({ meter: KAM, from: 10, to: 5 }), { code: 'STORE_RANGE_INVALID' });

  const latest = repo.latestReadings();
  t.same(latest.map((r) => [r.meter.id, (r.receivedAt - T0) / MINUTE]), [['76348799', 48], ['77000317', 4]]);
});

t.test('meter keys: validated, never echoed in errors, persisted', async (t) => {
  const file = join(tempDir(t), 'k.db');
  const repo = SqliteRepository.open(file);
  const key = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  repo.putMeterKey(KAM, key, T0);
  const short = Uint8Array.from({ length: 15 }, () => 0xab);
  try {
    repo.putMeterKey(KAM, short, T0);
    t.fail('accepted a 15-byte key');
  } catch (e) {
    t.type(e, StoreError);
    t.equal((e as StoreError).code, 'STORE_KEY_INVALID');
    t.notMatch((e as Error).message, /ab|AB/, 'no key bytes in the message');
  }
  t.throws(() => repo.putMeterKey({ manufacturer: 'kam', id: '1' }, key, T0), { code: 'STORE_METER_INVALID' });
  repo.close();
  const again = SqliteRepository.open(file);
  t.teardown(() => again.close());
  t.same(again.meterKeys(), [{ meter: KAM, key }]);
});

t.test('a new file gets 4 KiB pages; a file created with another page size keeps it', async (t) => {
  const dir = tempDir(t);
  const fresh = SqliteRepository.open(join(dir, 'new.db'));
  t.equal(fresh.db.pragma('page_size', { simple: true }), 4096);
  const walPages = fresh.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  t.equal(walPages * 4096, 1000 * 16384, 'a commit checkpoints after as many WAL bytes as with the earlier 16 KiB pages and SQLite\'s 1000');
  fresh.close();
  const older = new Database(join(dir, 'old.db'));
  older.pragma('page_size = 16384');
  older.pragma('journal_mode = WAL');
  older.close();
  const reopened = SqliteRepository.open(join(dir, 'old.db'));
  t.equal(reopened.db.pragma('page_size', { simple: true }), 16384, 'no VACUUM behind the operator\'s back');
  t.equal(reopened.db.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'and it is migrated as usual');
  reopened.close();
});

t.test('a new database file and its WAL are readable by the owner only (they hold meter keys)', async (t) => {
  const file = join(tempDir(t), 'mode.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  repo.transaction(() => repo.putMeterKey(KAM, new Uint8Array(16), T0));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) t.equal(statSync(f).mode & 0o777, 0o600, f);
});

t.test('gateways: created on first contact, named, listed', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'g.db'));
  t.teardown(() => repo.close());
  repo.transaction(() => {
    repo.touchGateway('gw-b', T0 + 5);
    repo.touchGateway('gw-a', T0);
    repo.touchGateway('gw-a', T0 - 100); // an older time never moves last seen back
  });
  repo.setGatewayName('gw-a', 'Boiler room');
  t.match(repo.gateways(), [
    { id: 'gw-a', name: 'Boiler room', createdAt: T0, lastSeenAt: T0, connState: null, lastStats: null },
    { id: 'gw-b', name: null, createdAt: T0 + 5 },
  ]);
  t.equal(repo.gateway('gw-x'), undefined);
});

t.test('a transaction that throws leaves nothing behind', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'r.db'));
  t.teardown(() => repo.close());
  t.throws(() =>
    repo.transaction(() => {
      repo.touchGateway('gw-a', T0);
      throw new Error('disk full, say');
    }),
  );
  t.equal(repo.counts().gateways, 0);
});

t.test('records are not stored but decoded again from the raw telegram, with the collector\'s key', async (t) => {
  const file = join(tempDir(t), 'r.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo);
  const apator = fixture('apatorna1/ApNa1.json'); // its driver decrypts a manufacturer block with the meter key
  const APA = { manufacturer: linkIdentity(apator.raw).address!.manufacturer, id: '04913581' };
  ingest.addMeterKey(APA, apator.key!);
  ingest.ingestBatch('gw-a', batch(telegram(1, kamwater.raw), telegram(2, apator.raw, { receivedAt: T0 + 1 })));

  t.notOk(repo.db.prepare(`SELECT 1 FROM pragma_table_info('readings') WHERE name = 'records'`).get(), 'no records column');
  for (const [fx, address] of [[kamwater, KAM], [apator, APA]] as const) {
    const [reading] = repo.readings({ meter: address }).items;
    const expected = interpret(decodeTelegram(fx.raw, { key: fx.key }), DEFAULT_REGISTRY, { key: fx.key }).records;
    t.ok(expected.length > 0);
    t.same(reading!.records, expected, `${address.manufacturer} records as the decoder gives them`);
    t.same(repo.reading(reading!.id)!.records, expected, 'reading(id) too');
    t.same(JSON.parse(JSON.stringify(repo.reading(reading!.id))).records, JSON.parse(JSON.stringify(expected)), 'and in its JSON form');
  }

  // A repository nobody gave a decoder cannot make records up: a coded error, not an empty list.
  const bare = SqliteRepository.open(file);
  t.teardown(() => bare.close());
  const [plain] = bare.readings({ meter: KAM }).items;
  t.equal(plain!.reading.current?.value, kamwater.expected.total_m3, 'the reading view is stored');
  t.throws(() => plain!.records, { code: 'STORE_RECORDS_UNAVAILABLE' });
});

t.test('a version-1 file (records stored) is migrated: the readings stay, records come from raw', async (t) => {
  const file = join(tempDir(t), 'v1.db');
  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  old.exec(MIGRATIONS[0]!.sql);
  old.pragma('user_version = 1');
  old.exec(`INSERT INTO gateways (id, created_at) VALUES ('gw-a', 1);
    INSERT INTO meters (id, manufacturer, meter_id, version, device_type, first_seen_at, last_seen_at) VALUES (1, 'KAM', '76348799', 27, 22, ${T0}, ${T0});
    INSERT INTO readings (id, meter, dedupe_key, received_at, stored_at, kind, reading, records)
      VALUES (7, 1, x'00', ${T0}, ${T0}, 'water', '{"kind":"water","current":{"value":1.5,"unit":"m3"}}', '[[1,2]]');`);
  old.prepare(`INSERT INTO raw_telegrams (gateway_id, seq, received_at, stored_at, stick_id, raw, meter, dedupe_key, decode_status, reading)
    VALUES ('gw-a', 1, ${T0}, ${T0}, 's', ?, 1, x'00', 'ok', 7)`).run(kamwater.raw);
  old.close();

  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  new Ingestor(repo);
  t.equal(repo.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  const reading = repo.reading(7)!;
  t.same(reading.reading, { kind: 'water', current: { value: 1.5, unit: 'm3' } }, 'stored view kept as it was');
  t.same(reading.records, interpret(decodeTelegram(kamwater.raw, { key: kamwater.key }), DEFAULT_REGISTRY).records, 'records decoded from raw');
});

t.test('storedSeqs finds a gateway\'s stored seqs among a batch, contiguous or far apart', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 's.db'));
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo);
  ingest.ingestBatch('gw-a', batch(...[3, 4, 5, 1_000_000].map((seq, i) => telegram(seq, transmission(i), { receivedAt: T0 + i * 2 * MINUTE }))));
  ingest.ingestBatch('gw-b', batch(telegram(6, transmission(9))));
  t.same([...repo.storedSeqs('gw-a', [2, 3, 4, 6, 7])].sort(), [3, 4], 'one range, other gateways\' seqs not counted');
  t.same([...repo.storedSeqs('gw-a', [5, 999_999, 1_000_000])].sort((a, b) => a - b), [5, 1_000_000], 'seqs far apart');
  t.same([...repo.storedSeqs('gw-a', [])], []);
  // A replay mixed with new telegrams: only the new ones are stored.
  t.match(ingest.ingestBatch('gw-a', batch(telegram(5, transmission(2), { receivedAt: T0 + 4 * MINUTE }), telegram(8, transmission(20), { receivedAt: T0 + 60 * MINUTE }))), { stored: 1, duplicates: 1, readingsCreated: 1 });
});

t.test('a batch larger than one multi-row INSERT stores every raw telegram with its own fields and reading', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'm.db'));
  t.teardown(() => repo.close());
  const ingest = new Ingestor(repo);
  // More than fits one statement of any multi-row INSERT tried (64 rows).
  const telegrams = Array.from({ length: 130 }, (_, i) => telegram(i + 1, transmission(i), { receivedAt: T0 + i * 2 * MINUTE, rssiDbm: -40 - (i % 50) }));
  t.match(ingest.ingestBatch('gw-a', batch(...telegrams)), { stored: 130, readingsCreated: 130 });
  for (const i of [0, 63, 64, 127, 128, 129]) {
    const raw = repo.rawTelegram(i + 1)!;
    t.match(raw, { seq: i + 1, receivedAt: T0 + i * 2 * MINUTE, rssiDbm: -40 - (i % 50), decodeStatus: 'ok' }, `row ${i}`);
    t.same(raw.raw, transmission(i));
    const reading = repo.reading(raw.readingId!)!;
    t.equal(reading.receivedAt, T0 + i * 2 * MINUTE);
    t.same(reading.rawTelegramIds, [raw.id]);
  }
});
