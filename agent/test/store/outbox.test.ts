import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import t from 'tap';
import { Outbox } from '../../src/store/outbox.js';
import { TELEGRAMS, telegramBytes } from './fixtures/telegrams.js';
import { countRows, fixtureEntry, observer, openOutbox, tempDir, waitFor } from './helpers.js';

t.test('enqueue buffers; a flush commits the row with every field intact', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 60_000, maxAgeMs: null }); // the fixed date is old
  const other = observer(t, path);
  const f = TELEGRAMS[3]!; // encrypted, kept raw
  const seq = outbox.enqueue({
    raw: telegramBytes(f),
    receivedAt: new Date('2026-03-01T12:00:00Z'),
    manufacturer: f.manufacturer,
    meterId: f.meterId,
    version: f.version,
    deviceType: f.deviceType,
    rssiDbm: -71.5,
    linkMode: 'T1',
    stickId: 'amb8465-1',
    decoded: null,
    decodeStatus: 'KEY_MISSING',
  });
  t.equal(seq, 1);
  t.equal(countRows(other), 0, 'not committed before the interval or a flush');
  t.equal(outbox.pendingCount(), 1, 'but counted as pending');
  outbox.flush();
  const row = other.prepare('SELECT * FROM outbox WHERE seq = ?').get(seq) as Record<string, unknown>;
  t.same(new Uint8Array(row.raw as Buffer), telegramBytes(f), 'raw bytes unchanged');
  t.match(row, {
    received_at: Date.parse('2026-03-01T12:00:00Z'),
    manufacturer: f.manufacturer,
    meter_id: f.meterId,
    version: f.version,
    device_type: f.deviceType,
    rssi_dbm: -71.5,
    link_mode: 'T1',
    stick_id: 'amb8465-1',
    decoded: null,
    decode_status: 'KEY_MISSING',
    sent_at: null,
  });
});

t.test('the caller reusing its buffer after enqueue does not change the stored bytes', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path });
  const raw = telegramBytes(TELEGRAMS[0]!);
  const original = raw.slice();
  const seq = outbox.enqueue({ raw, decodeStatus: 'ok' });
  raw.fill(0);
  outbox.flush();
  const [row] = outbox.claimBatch(1, 10_000);
  t.equal(row!.seq, seq);
  t.same(row!.raw, original);
});

t.test('group commit: many telegrams, one transaction per interval', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 200 });
  const other = observer(t, path);
  for (let i = 0; i < 50; i++) outbox.enqueue(fixtureEntry(i));
  t.equal(outbox.stats().commits, 0);
  await sleep(10);
  t.equal(countRows(other), 0, 'not before the interval');
  t.ok(await waitFor(() => countRows(other) === 50), 'committed by the timer without a flush');
  t.equal(outbox.stats().commits, 1, 'all 50 in one commit');
  t.equal(outbox.stats().buffered, 0);
});

t.test('a full buffer commits at once', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 60_000, maxBufferedRows: 100 });
  const other = observer(t, path);
  for (let i = 0; i < 250; i++) outbox.enqueue(fixtureEntry(i));
  t.equal(countRows(other), 200);
  t.equal(outbox.stats().commits, 2);
  t.equal(outbox.stats().buffered, 50);
  outbox.close();
  t.equal(countRows(other), 250, 'close flushes');
});

t.test('sequence numbers: monotonic, never reused after deletions and restarts', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  let clock = Date.UTC(2026, 0, 1);
  const first = Outbox.open({ path, gatewayId: 'gw-a', now: () => clock, maxSentAgeMs: 1000 });
  const seqs = [1, 2, 3].map((i) => first.enqueue(fixtureEntry(i)));
  t.same(seqs, [1, 2, 3]);
  first.flush();
  first.ackSent(first.claimBatch(10, 1e6).map((r) => r.seq));
  clock += 5000;
  first.flush(); // commits the acks
  first.flush(); // nothing pending: no-op
  first.close();

  const other = observer(t, path);
  const second = Outbox.open({ path, gatewayId: 'gw-a', now: () => clock, maxSentAgeMs: 1000 });
  second.enqueue(fixtureEntry(4)); // its commit prunes the delivered rows past retention
  second.flush();
  t.same(other.prepare('SELECT seq FROM outbox').pluck().all(), [4], 'sent rows 1-3 were pruned');
  t.equal(second.stats().dropped.sent.sentRetention, 3, 'and counted');
  second.close();

  // A clean close shrinks the reservation: the next run continues without a gap.
  const third = Outbox.open({ path, gatewayId: 'gw-a' });
  t.equal(third.enqueue(fixtureEntry(5)), 5);
  // While running, the durable reservation is always ahead of every seq handed out, so a crash
  // (tested for real in crash.test.ts) restarts above it.
  const reserved = other.prepare('SELECT reserved_through FROM outbox_sequence').pluck().get() as number;
  t.ok(reserved >= 5, `reserved through ${reserved}`);
  third.close();
});

t.test('claimBatch, ackSent, releaseInFlight', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  let clock = 10_000;
  const outbox = openOutbox(t, { path, now: () => clock });
  const other = observer(t, path);
  for (let i = 0; i < 10; i++) outbox.enqueue(fixtureEntry(i, 10_000 + i));
  t.same(outbox.claimBatch(5, 1e6), [], 'uncommitted rows are not claimable');
  outbox.flush();
  clock = 20_000;
  t.equal(outbox.oldestUnsentAge(), 10_000);

  const a = outbox.claimBatch(3, 1e6);
  t.same(a.map((r) => r.seq), [1, 2, 3]);
  const b = outbox.claimBatch(3, 1e6);
  t.same(b.map((r) => r.seq), [4, 5, 6], 'in-flight rows are skipped');
  const size = (i: number): number => telegramBytes(TELEGRAMS[i % TELEGRAMS.length]!).length + (fixtureEntry(i).decoded?.length ?? 0);
  const c = outbox.claimBatch(10, size(6) + size(7));
  t.same(c.map((r) => r.seq), [7, 8], 'maxBytes bounds the batch');
  const d = outbox.claimBatch(10, 1);
  t.same(d.map((r) => r.seq), [9], 'the first row is returned even when larger than maxBytes');
  t.equal(outbox.stats().inFlight, 9);

  t.equal(outbox.ackSent([1, 2, 3, 7]), 4);
  outbox.flush();
  t.same(other.prepare('SELECT seq FROM outbox WHERE sent_at IS NOT NULL ORDER BY seq').pluck().all(), [1, 2, 3, 7]);
  t.equal(other.prepare('SELECT sent_at FROM outbox WHERE seq = 1').pluck().get(), 20_000);
  t.equal(outbox.pendingCount(), 6);

  t.equal(outbox.releaseInFlight(), 5, '4 5 6 8 9 were in flight');
  t.same(outbox.claimBatch(100, 1e6).map((r) => r.seq), [4, 5, 6, 8, 9, 10], 'released rows come back, oldest first');
  clock = 30_000;
  t.equal(outbox.oldestUnsentAge(), 30_000 - 10_003, 'seq 4 is now the oldest unsent');
});

t.test('acks marked in runs: each row gets the time of its own ack, rows acked twice count once', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  let clock = 10_000;
  const outbox = openOutbox(t, { path, now: () => clock, commitIntervalMs: 60_000 });
  const other = observer(t, path);
  for (let i = 0; i < 10; i++) outbox.enqueue(fixtureEntry(i, 10_000 + i));
  outbox.flush();
  t.equal(outbox.claimBatch(10, 1e6).length, 10);
  clock = 11_000;
  outbox.ackSent([1, 2, 3]);
  clock = 12_000;
  outbox.ackSent([4, 5]);
  clock = 13_000;
  outbox.ackSent([7, 9, 8]);
  outbox.flush();
  const sentAt = () => other.prepare('SELECT seq, sent_at FROM outbox ORDER BY seq').all() as { seq: number; sent_at: number | null }[];
  t.same(sentAt().map((r) => r.sent_at), [11_000, 11_000, 11_000, 12_000, 12_000, null, 13_000, 13_000, 13_000, null]);
  t.equal(outbox.pendingCount(), 2);
  clock = 14_000;
  outbox.ackSent([2, 3, 4, 6]); // 2 3 4 again (a resend the broker acknowledged twice), 6 for the first time
  outbox.flush();
  t.same(sentAt().map((r) => r.sent_at), [11_000, 11_000, 11_000, 12_000, 12_000, 14_000, 13_000, 13_000, 13_000, null], 'a second ack changes nothing');
  t.equal(outbox.pendingCount(), 1, 'and is not counted again');
  t.equal(outbox.stats().unsent, 1);
});

t.test('acks are not lost with the timer: committed by the next group commit', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 30 });
  const other = observer(t, path);
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  outbox.ackSent(outbox.claimBatch(1, 1e6).map((r) => r.seq));
  t.same(outbox.claimBatch(1, 1e6), [], 'an acked row is not claimed again before its commit');
  t.ok(await waitFor(() => other.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get() === 1));
  t.equal(outbox.pendingCount(), 0);
});

t.test('acks commit at once when maxPendingUpdates wait (a fast broker acks a backlog within one interval)', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 60_000, maxPendingUpdates: 10 });
  const other = observer(t, path);
  for (let i = 0; i < 25; i++) outbox.enqueue(fixtureEntry(i));
  outbox.flush();
  const seqs = outbox.claimBatch(25, 1e6).map((r) => r.seq);
  const sent = () => other.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get();
  outbox.ackSent(seqs.slice(0, 9));
  t.equal(sent(), 0, 'nine acks wait for the interval');
  outbox.ackSent(seqs.slice(9, 12));
  t.equal(sent(), 12, 'the tenth committed them all, without the timer');
  outbox.ackSent(seqs.slice(12, 15));
  t.equal(sent(), 12, 'the next ones wait again');
  t.equal(outbox.pendingCount(), 13, 'the 12 committed acks no longer count as pending');
});

t.test('re-decoded rows count toward maxPendingUpdates too: a key for days of telegrams commits as it goes', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 60_000, maxPendingUpdates: 10 });
  const other = observer(t, path);
  for (let i = 0; i < 25; i++) outbox.enqueue({ ...fixtureEntry(i), decoded: null, decodeStatus: 'KEY_MISSING' });
  outbox.flush();
  const keyMissing = () => other.prepare("SELECT count(*) FROM outbox WHERE decode_status = 'KEY_MISSING'").pluck().get();
  for (let seq = 1; seq <= 9; seq++) outbox.updateDecoded(seq, Uint8Array.of(0xa0), 'ok');
  t.equal(keyMissing(), 25, 'nine wait for the interval');
  outbox.ackSent([20]);
  t.equal(keyMissing(), 16, 'an ack as the tenth update committed the nine with it');
});

t.test('rows kept raw for lack of a key are decoded when the key arrives', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path });
  const other = observer(t, path);
  for (let i = 0; i < TELEGRAMS.length * 2; i++) outbox.enqueue(fixtureEntry(i));
  outbox.flush();
  const missing = outbox.rowsNeedingDecode('KEY_MISSING');
  const encrypted = TELEGRAMS.map((f, i) => (f.encrypted ? [i + 1, i + 1 + TELEGRAMS.length] : [])).flat().sort((x, y) => x - y);
  t.same(missing.map((r) => r.seq), encrypted, 'exactly the encrypted fixtures, in seq order');
  const f = TELEGRAMS.find((x) => x.encrypted)!;
  const forMeter = outbox.rowsNeedingDecode('KEY_MISSING', { manufacturer: f.manufacturer, meterId: f.meterId });
  t.ok(forMeter.length === 2 && forMeter.every((r) => r.meterId === f.meterId));
  t.same(outbox.rowsNeedingDecode('KEY_MISSING', { afterSeq: missing[0]!.seq, limit: 1 }).map((r) => r.seq), [missing[1]!.seq], 'paging');

  // Deliver everything raw first, then decode one: it must go out again with its decoded form.
  outbox.ackSent(outbox.claimBatch(100, 1e6).map((r) => r.seq));
  outbox.flush();
  t.equal(outbox.pendingCount(), 0);
  const target = missing[0]!;
  const cbor = Uint8Array.from([0xa1, 0x61, 0x76, 0x19, 0x04, 0xd2]); // {"v": 1234}
  t.equal(outbox.updateDecoded(target.seq, cbor, 'ok'), true);
  t.equal(outbox.updateDecoded(999_999, cbor, 'ok'), false, 'unknown seq');
  outbox.flush();
  const row = other.prepare('SELECT decoded, decode_status, sent_at, raw FROM outbox WHERE seq = ?').get(target.seq) as Record<string, unknown>;
  t.same(new Uint8Array(row.decoded as Buffer), cbor);
  t.equal(row.decode_status, 'ok');
  t.equal(row.sent_at, null, 'unsent again');
  t.same(new Uint8Array(row.raw as Buffer), target.raw, 'raw kept');
  t.equal(outbox.pendingCount(), 1);
  t.notOk(outbox.rowsNeedingDecode('KEY_MISSING').some((r) => r.seq === target.seq));

  // Re-decoded while in flight: the broker got the old form, so that ack must not count.
  const [inFlight] = outbox.claimBatch(1, 1e6);
  t.equal(inFlight!.seq, target.seq);
  outbox.updateDecoded(target.seq, cbor, 'ok');
  t.equal(outbox.ackSent([target.seq]), 0);
  outbox.flush();
  const again = outbox.claimBatch(1, 1e6);
  t.equal(again[0]?.seq, target.seq, 'claimable again with the new form');
});

t.test('updateDecoded on a telegram still in the buffer', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path });
  const seq = outbox.enqueue({ raw: telegramBytes(TELEGRAMS[4]!), decodeStatus: 'KEY_MISSING' });
  t.same(outbox.rowsNeedingDecode('KEY_MISSING').map((r) => r.seq), [seq], 'buffered rows are found too');
  t.equal(outbox.updateDecoded(seq, Uint8Array.of(1, 2, 3), 'ok'), true);
  outbox.flush();
  const [row] = outbox.claimBatch(1, 1e6);
  t.same(row!.decoded, Uint8Array.of(1, 2, 3));
  t.equal(row!.decodeStatus, 'ok');
});
