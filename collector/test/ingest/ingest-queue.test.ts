/**
 * Group commit: batches that arrive together share one transaction; each submit resolves only after its
 * transaction committed (checked from a second connection to the file); bad input rejects only itself.
 */
import t from 'tap';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { encodePayload, type UplinkBatch } from '@wmbus/protocol';
import { SqliteRepository, type NewRawTelegram } from '../../src/store/index.js';
import { IngestError, IngestQueue, Ingestor } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir } from './helpers.js';

const kamwater = fixture('kamwater/MyTapWater.json');
const kaden = fixture('kaden/KadenC10.json');
const up = (gatewayId: string, b: UplinkBatch) => ({ gatewayId, kind: 'up' as const, payload: encodePayload('up', b) });

t.test('batches of several gateways arriving together: one commit, each resolves after it', async (t) => {
  const file = join(tempDir(t), 'q.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo));
  const reader = new Database(file, { readonly: true });
  t.teardown(() => reader.close());
  const visible = () => (reader.prepare('SELECT count(*) AS n FROM raw_telegrams').get() as { n: number }).n;

  const submissions = ['gw-a', 'gw-b', 'gw-c'].map((gw, i) =>
    queue.submit(up(gw, batch(telegram(1, kamwater.raw, { rssiDbm: -60 - i }), telegram(2, kaden.raw)))).then((result) => ({ result, seen: visible() })),
  );
  t.equal(visible(), 0, 'nothing is written before the queue flushes');
  const outcomes = await Promise.all(submissions);
  for (const { result, seen } of outcomes) {
    t.equal(seen, 6, 'when a submit resolves, its rows are committed (another connection sees them)');
    t.match(result, { stored: 2, duplicates: 0, undecoded: { KEY_MISSING: 1 } });
  }
  t.same(outcomes.map((o) => [o.result!.readingsCreated, o.result!.readingsJoined]), [[1, 0], [0, 1], [0, 1]], 'one reading, heard by three gateways');
  t.same(queue.counters, { commits: 1, batches: 3, failedCommits: 0 });
});

t.test('an invalid payload rejects only its own submit', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'q.db'));
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo));
  const good = queue.submit(up('gw-a', batch(telegram(1, kamwater.raw))));
  const bad = queue.submit({ gatewayId: 'gw-b', kind: 'up', payload: Uint8Array.of(0xa1, 0x61) });
  const badGateway = queue.submit(up('not a gateway id', batch(telegram(1, kamwater.raw))));
  await t.rejects(bad, { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_NOT_CBOR' });
  await t.rejects(badGateway, IngestError);
  t.match(await good, { stored: 1 });
  t.equal(repo.counts().rawTelegrams, 1);
  // Status and stats go through the queue too, stored at once.
  await queue.submit({ gatewayId: 'gw-a', kind: 'status', payload: encodePayload('status', { v: 1, state: 'online', ts: T0 }) });
  t.equal(repo.gateway('gw-a')!.connState, 'online');
});

t.test('a storage failure rejects the whole group and stores none of it; the resend is stored', async (t) => {
  class FailingRepository extends SqliteRepository {
    fail = true;
    override insertRawTelegram(row: NewRawTelegram): number {
      if (this.fail && row.gatewayId === 'gw-b') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return super.insertRawTelegram(row);
    }
  }
  const repo = new FailingRepository(SqliteRepository.open(join(tempDir(t), 'f.db')).db);
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo));
  const a = queue.submit(up('gw-a', batch(telegram(1, kamwater.raw))));
  const b = queue.submit(up('gw-b', batch(telegram(1, kamwater.raw))));
  await t.rejects(a, { code: 'SQLITE_FULL' }, 'no PUBACK for gw-a either: its rows were in the rolled-back transaction');
  await t.rejects(b, { code: 'SQLITE_FULL' });
  t.match(repo.counts(), { rawTelegrams: 0, readings: 0, gateways: 0 });
  t.same(queue.counters, { commits: 0, batches: 0, failedCommits: 1 });

  repo.fail = false;
  const again = await Promise.all([queue.submit(up('gw-a', batch(telegram(1, kamwater.raw)))), queue.submit(up('gw-b', batch(telegram(1, kamwater.raw))))]);
  t.same(again.map((r) => r!.stored), [1, 1]);
});

t.test('groups are capped by telegrams per commit', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'c.db'));
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo), { maxTelegramsPerCommit: 4 });
  const three = (gw: string) => batch(...[1, 2, 3].map((seq) => telegram(seq, kamwater.raw, { receivedAt: T0 + seq * 100_000 })));
  await Promise.all(['gw-a', 'gw-b', 'gw-c'].map((gw) => queue.submit(up(gw, three(gw)))));
  t.same(queue.counters, { commits: 3, batches: 3, failedCommits: 0 }, 'a batch is never split; 3 + 3 > 4');
  t.equal(repo.counts().rawTelegrams, 9);
});
