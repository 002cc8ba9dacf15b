/**
 * The in-memory dedupe index of the readings table must answer exactly as the SQL lookup does, including
 * when another connection writes the same file and when a transaction rolls back.
 */
import t from 'tap';
import { join } from 'node:path';
import { SqliteRepository } from '../../src/store/index.js';
import { tempDir } from '../ingest/helpers.js';

const WINDOW = 60_000;
const T0 = Date.UTC(2026, 0, 1);

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const dedupeKey = (n: number): Uint8Array => Uint8Array.from({ length: 24 }, (_, i) => (i === 23 ? n : 0xa0 + i));

function setUp(repo: SqliteRepository, meters: number): number[] {
  return repo.transaction(() =>
    Array.from({ length: meters }, (_, i) =>
      repo.upsertMeter({ manufacturer: 'ABC', id: String(10000000 + i), version: 1, deviceType: 7 }, { first: T0, last: T0 }, null, 'water'),
    ),
  );
}

/** The SQL answer, asked on a connection of its own (outside any write transaction the index serves). */
const sqlAnswer = (other: SqliteRepository, meter: number, key: Uint8Array, at: number): number | undefined =>
  other.findReadingNear(meter, key, at, WINDOW);

const newReading = (meter: number, key: Uint8Array, at: number) => ({
  meter,
  dedupeKey: key,
  receivedAt: at,
  storedAt: at,
  meterTime: null,
  driver: null,
  kind: 'water',
  readingJson: '{}',
});

t.test('random lookups and inserts, times out of order and many per meter: the index answers as SQL does', async (t) => {
  const dir = tempDir(t);
  const repo = SqliteRepository.open(join(dir, 'c.db'));
  const check = SqliteRepository.open(join(dir, 'c.db'));
  t.teardown(() => (repo.close(), check.close()));
  const meters = setUp(repo, 4);
  const next = random(7);
  let disagreements = 0;
  let found = 0;
  let clock = T0;
  for (let batch = 0; batch < 60; batch++) {
    const asked: { got: number | undefined }[] = [];
    repo.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const meter = meters[Math.floor(next() * meters.length)]!;
        // Mostly forward in time, sometimes hours back (a drain after an outage), few distinct keys so
        // lookups often hit.
        clock += Math.floor(next() * 20_000);
        const at = next() < 0.1 ? clock - Math.floor(next() * 3 * 3_600_000) : clock;
        const key = dedupeKey(Math.floor(next() * 6));
        const got = repo.findReadingNear(meter, key, at, WINDOW);
        asked.push({ got });
        if (got === undefined) repo.insertReading(newReading(meter, key, at));
        else repo.lowerReadingReceivedAt(got, at, meter);
      }
    });
    for (const a of asked) if (a.got !== undefined) found++;
    // In the next write transaction, lookups across the last hours must match SQL on the committed state.
    repo.transaction(() => {
      for (let i = 0; i < 20; i++) {
        const meter = meters[Math.floor(next() * meters.length)]!;
        const at = clock - Math.floor(next() * 4 * 3_600_000);
        const key = dedupeKey(Math.floor(next() * 6));
        if (repo.findReadingNear(meter, key, at, WINDOW) !== sqlAnswer(check, meter, key, at)) disagreements++;
      }
    });
  }
  t.equal(disagreements, 0, 'no lookup answered differently from the SQL query');
  t.ok(found > 100, `lookups found existing readings (${found}), so the comparison covered hits too`);
});

t.test('a reading written by another connection is seen by the next transaction', async (t) => {
  const dir = tempDir(t);
  const a = SqliteRepository.open(join(dir, 'c.db'));
  const b = SqliteRepository.open(join(dir, 'c.db'));
  t.teardown(() => (a.close(), b.close()));
  const [meter] = setUp(a, 1);
  const key = dedupeKey(1);
  t.equal(a.transaction(() => a.findReadingNear(meter!, key, T0, WINDOW)), undefined, 'nothing yet; A has now indexed this meter');
  const id = b.transaction(() => b.insertReading(newReading(meter!, key, T0 + 1000)));
  t.equal(a.transaction(() => a.findReadingNear(meter!, key, T0, WINDOW)), id, "A finds B's reading");
});

t.test('a rolled-back insert is not found afterwards', async (t) => {
  const dir = tempDir(t);
  const repo = SqliteRepository.open(join(dir, 'c.db'));
  t.teardown(() => repo.close());
  const [meter] = setUp(repo, 1);
  const key = dedupeKey(2);
  t.throws(() =>
    repo.transaction(() => {
      t.equal(repo.findReadingNear(meter!, key, T0, WINDOW), undefined);
      repo.insertReading(newReading(meter!, key, T0));
      t.ok(repo.findReadingNear(meter!, key, T0, WINDOW), 'found within its own transaction');
      throw new Error('storage failed');
    }),
  );
  t.equal(repo.transaction(() => repo.findReadingNear(meter!, key, T0, WINDOW)), undefined, 'gone with the rollback');
});
