/**
 * Group commit: batches that arrive together share one transaction; each submit resolves only after its
 * transaction committed (checked from a second connection to the file); bad input rejects only itself.
 * Every case runs with decoding on the main thread and in the decode thread; the thread's own cases
 * (keys and compact formats crossing threads, the thread going away) follow.
 */
import t from 'tap';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { encodePayload, type UplinkBatch } from '@wmbus/protocol';
import { SqliteRepository, type NewRawTelegram } from '../../src/store/index.js';
import { IngestError, IngestQueue, Ingestor, linkIdentity } from '../../src/ingest/index.js';
import { batch, fixture, T0, telegram, tempDir } from './helpers.js';

const kamwater = fixture('kamwater/MyTapWater.json');
const kaden = fixture('kaden/KadenC10.json');
const up = (gatewayId: string, b: UplinkBatch) => ({ gatewayId, kind: 'up' as const, payload: encodePayload('up', b) });

for (const decodeThread of [false, true]) {
const where = decodeThread ? 'decode thread' : 'main thread';
/** The counter of where batches were prepared, for this variant. */
const preparedWhere = decodeThread ? 'preparedInThread' : 'preparedHere';
const newQueue = (t: { teardown(fn: () => unknown): void }, ingestor: Ingestor, options: { maxTelegramsPerCommit?: number } = {}): IngestQueue => {
  const queue = new IngestQueue(ingestor, { ...options, decodeThread });
  t.teardown(() => queue.close());
  return queue;
};


t.test(`${where}: batches of several gateways arriving together: one commit, each resolves after it`, async (t) => {
  const file = join(tempDir(t), 'q.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  const queue = newQueue(t, new Ingestor(repo));
  const reader = new Database(file, { readonly: true });
  t.teardown(() => reader.close());
  const visible = () => (reader.prepare('SELECT count(*) AS n FROM raw_telegrams').get() as { n: number }).n;

  const submissions = ['gw-a', 'gw-b', 'gw-c'].map((gw, i) =>
    queue.submit(up(gw, batch(telegram(1, kamwater.raw, { rssiDbm: -60 - i }), telegram(2, kaden.raw)))).then((result) => ({ result, seen: visible() })),
  );
  t.equal(visible(), 0, 'nothing is written before the queue flushes');
  const outcomes = await Promise.all(submissions);
  outcomes.forEach(({ result, seen }, i) => {
    // On the main thread the three share one commit. From the decode thread each is stored as its reply
    // arrives (so storing overlaps decoding), in order: when the i-th resolves, it and those before are in.
    if (decodeThread) t.ok(seen >= 2 * (i + 1), 'when a submit resolves, its rows and those of earlier submits are committed');
    else t.equal(seen, 6, 'when a submit resolves, its rows are committed (another connection sees them)');
    t.match(result, { stored: 2, duplicates: 0, undecoded: { KEY_MISSING: 1 } });
  });
  t.same(outcomes.map((o) => [o.result!.readingsCreated, o.result!.readingsJoined]), [[1, 0], [0, 1], [0, 1]], 'one reading, heard by three gateways');
  t.match(queue.counters, { batches: 3, failedCommits: 0, [preparedWhere]: 3 });
  if (decodeThread) t.ok(queue.counters.commits >= 1 && queue.counters.commits <= 3);
  else t.equal(queue.counters.commits, 1);
});

t.test(`${where}: an invalid payload rejects only its own submit`, async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'q.db'));
  t.teardown(() => repo.close());
  const queue = newQueue(t, new Ingestor(repo));
  const good = queue.submit(up('gw-a', batch(telegram(1, kamwater.raw))));
  const bad = queue.submit({ gatewayId: 'gw-b', kind: 'up', payload: Uint8Array.of(0xa1, 0x61) });
  const badGateway = queue.submit(up('not a gateway id', batch(telegram(1, kamwater.raw))));
  await Promise.all([t.rejects(bad, { code: 'INGEST_PAYLOAD', contractCode: 'PAYLOAD_NOT_CBOR' }), t.rejects(badGateway, IngestError)]);
  t.match(await good, { stored: 1 });
  t.equal(repo.counts().rawTelegrams, 1);
  // Status and stats go through the queue too, stored at once.
  await queue.submit({ gatewayId: 'gw-a', kind: 'status', payload: encodePayload('status', { v: 1, state: 'online', ts: T0 }) });
  t.equal(repo.gateway('gw-a')!.connState, 'online');
});

t.test(`${where}: a storage failure rejects the whole group and stores none of it; the resend is stored`, async (t) => {
  class FailingRepository extends SqliteRepository {
    fail = true;
    override insertRawTelegram(row: NewRawTelegram): number {
      if (this.fail && row.gatewayId === 'gw-b') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return super.insertRawTelegram(row);
    }
  }
  const repo = new FailingRepository(SqliteRepository.open(join(tempDir(t), 'f.db')).db);
  t.teardown(() => repo.close());
  const queue = newQueue(t, new Ingestor(repo));
  const a = queue.submit(up('gw-a', batch(telegram(1, kamwater.raw))));
  const b = queue.submit(up('gw-b', batch(telegram(1, kamwater.raw))));
  const [aSettled] = await Promise.allSettled([a, b]);
  await t.rejects(b, { code: 'SQLITE_FULL' });
  if (!decodeThread || aSettled.status === 'rejected') {
    // In one group (always on the main thread): no PUBACK for gw-a either, its rows were rolled back.
    await t.rejects(a, { code: 'SQLITE_FULL' }, 'no PUBACK for gw-a either: its rows were in the rolled-back transaction');
    t.match(repo.counts(), { rawTelegrams: 0, readings: 0, gateways: 0 });
    t.match(queue.counters, { commits: 0, batches: 0, failedCommits: 1 });
  } else {
    // gw-a's reply came back first and was committed on its own: its PUBACK is right.
    t.match(repo.counts(), { rawTelegrams: 1, readings: 1 });
    t.match(queue.counters, { commits: 1, batches: 1, failedCommits: 1 });
  }

  repo.fail = false;
  const again = await Promise.all([queue.submit(up('gw-a', batch(telegram(1, kamwater.raw)))), queue.submit(up('gw-b', batch(telegram(1, kamwater.raw))))]);
  t.same(again.map((r) => r!.stored + r!.duplicates), [1, 1], 'the resend is stored (or already was)');
  t.match(repo.counts(), { rawTelegrams: 2 });
});

t.test(`${where}: groups are capped by telegrams per commit`, async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'c.db'));
  t.teardown(() => repo.close());
  const queue = newQueue(t, new Ingestor(repo), { maxTelegramsPerCommit: 4 });
  const three = (gw: string) => batch(...[1, 2, 3].map((seq) => telegram(seq, kamwater.raw, { receivedAt: T0 + seq * 100_000 })));
  await Promise.all(['gw-a', 'gw-b', 'gw-c'].map((gw) => queue.submit(up(gw, three(gw)))));
  t.match(queue.counters, { commits: 3, batches: 3, failedCommits: 0 }, 'a batch is never split; 3 + 3 > 4');
  t.equal(repo.counts().rawTelegrams, 9);
});
}

t.test('decode thread: a key that arrives while a batch is being decoded there still decodes it', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 'k.db'));
  t.teardown(() => repo.close());
  const ingestor = new Ingestor(repo);
  const queue = new IngestQueue(ingestor, { decodeThread: true });
  t.teardown(() => queue.close());
  // KadenC10 is encrypted; without its key it would be stored raw as KEY_MISSING.
  const pending = queue.submit(up('gw-a', batch(telegram(1, kaden.raw))));
  await new Promise((r) => setImmediate(r)); // the batch is on its way to the thread
  const { manufacturer, id } = linkIdentity(kaden.raw).address!;
  ingestor.addMeterKey({ manufacturer, id }, kaden.key!);
  t.match(await pending, { stored: 1, readingsCreated: 1, undecoded: {} });
  t.match(repo.counts(), { readings: 1, undecoded: 0 });
});

t.test('decode thread: a compact format learned there is stored, and decodes compact frames in later batches', async (t) => {
  const full = fixture('kampress/Pressing.json');
  const compact = fixture('kampress/Pressing_2.json');
  const repo = SqliteRepository.open(join(tempDir(t), 'c.db'));
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo), { decodeThread: true });
  t.teardown(() => queue.close());
  await queue.submit(up('gw-a', batch(telegram(1, full.raw))));
  t.equal(repo.compactFormats().length, 1, 'stored with the batch that taught it');
  t.match(await queue.submit(up('gw-a', batch(telegram(2, compact.raw, { receivedAt: T0 + 600_000 })))), { readingsCreated: 1, undecoded: {} });
  t.match(queue.counters, { preparedInThread: 2, preparedHere: 0 });
});

t.test('decode thread: batches on their way when the thread stops are prepared on the main thread, none lost', async (t) => {
  const repo = SqliteRepository.open(join(tempDir(t), 's.db'));
  t.teardown(() => repo.close());
  const queue = new IngestQueue(new Ingestor(repo), { decodeThread: true });
  const submits = [1, 2, 3].map((seq) => queue.submit(up('gw-a', batch(telegram(seq, kamwater.raw, { receivedAt: T0 + seq * 100_000 })))));
  await new Promise((r) => setImmediate(r));
  const closing = queue.close();
  const later = queue.submit(up('gw-a', batch(telegram(4, kamwater.raw, { receivedAt: T0 + 400_000 }))));
  const results = await Promise.all([...submits, later]);
  await closing;
  t.same(results.map((r) => r!.stored), [1, 1, 1, 1]);
  t.equal(repo.counts().readings, 4);
  t.equal(queue.counters.preparedHere, 4, 'all four prepared on the main thread once the thread was gone');
});

t.test('decode thread: under load a decoded batch waits for those still being decoded, and they share one commit', async (t) => {
  const file = join(tempDir(t), 'w.db');
  const repo = SqliteRepository.open(file);
  t.teardown(() => repo.close());
  // A wait far beyond the test's timeout: only "the thread has nothing more" can end it.
  const queue = new IngestQueue(new Ingestor(repo), { decodeThread: true, maxCommitWaitMs: 600_000 });
  t.teardown(() => queue.close());
  const reader = new Database(file, { readonly: true });
  t.teardown(() => reader.close());
  const visible = () => (reader.prepare('SELECT count(*) AS n FROM raw_telegrams').get() as { n: number }).n;
  const results = await Promise.all(
    [1, 2, 3, 4].map((seq) => queue.submit(up('gw-a', batch(telegram(seq, kamwater.raw, { receivedAt: T0 + seq * 100_000 })))).then((r) => ({ r, seen: visible() }))),
  );
  t.same(results.map(({ r, seen }) => [r!.stored, seen]), [[1, 4], [1, 4], [1, 4], [1, 4]], 'each resolves after the one commit that stored all four');
  t.match(queue.counters, { commits: 1, batches: 4, preparedInThread: 4 });

  // One batch at a time finds the thread idle: stored at once, one commit each (else this would wait 10 min).
  for (const seq of [5, 6]) t.match(await queue.submit(up('gw-a', batch(telegram(seq, kamwater.raw, { receivedAt: T0 + seq * 100_000 })))), { stored: 1 });
  t.match(queue.counters, { commits: 3, batches: 6 });
});
