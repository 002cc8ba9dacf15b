import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import t from 'tap';
import { Outbox } from '../../src/store/outbox.js';
import { countRows, fixtureEntry, observer, openOutbox, tempDir } from './helpers.js';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 5, 1);

t.test('maxRows: the oldest sent rows go first, then the oldest unsent; each drop counted', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, maxRows: 10, maxAgeMs: null, maxSentAgeMs: null });
  const other = observer(t, path);
  for (let i = 0; i < 10; i++) outbox.enqueue(fixtureEntry(i));
  outbox.flush();
  // deliver 3, 5 and 7: they are the first to go, although 1 and 2 are older
  outbox.ackSent([3, 5, 7]);
  outbox.flush();
  for (let i = 10; i < 14; i++) outbox.enqueue(fixtureEntry(i));
  outbox.flush();
  t.same(other.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all(), [2, 4, 6, 8, 9, 10, 11, 12, 13, 14]);
  const s = outbox.stats();
  t.same(s.dropped.sent, { sentRetention: 0, maxAge: 0, maxBytes: 0, maxRows: 3 });
  t.same(s.dropped.unsent, { maxAge: 0, maxBytes: 0, maxRows: 1 });
  t.equal(s.rows, 10);
  t.equal(s.unsent, 10);
});

t.test('maxAgeMs drops old rows of both kinds; maxSentAgeMs drops delivered rows earlier', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  let clock = T0;
  const outbox = openOutbox(t, { path, now: () => clock, maxAgeMs: 30 * DAY, maxSentAgeMs: 7 * DAY });
  const other = observer(t, path);
  for (let i = 0; i < 6; i++) outbox.enqueue(fixtureEntry(i, T0 + i * DAY)); // received on days 0..5
  outbox.flush();
  outbox.ackSent([1, 2, 4]);
  outbox.flush(); // sent on day 0

  clock = T0 + 6 * DAY;
  outbox.flush();
  t.equal(countRows(other), 6, 'nothing is old yet');

  clock = T0 + 8 * DAY;
  outbox.enqueue(fixtureEntry(6));
  outbox.flush();
  t.same(other.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all(), [3, 5, 6, 7], 'delivered 8 days ago: gone');
  t.equal(outbox.stats().dropped.sent.sentRetention, 3);

  clock = T0 + 33.5 * DAY; // rows received on days 0..3 are now older than 30 days
  outbox.enqueue(fixtureEntry(7));
  outbox.flush();
  t.same(other.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all(), [5, 6, 7, 8]);
  t.same(outbox.stats().dropped.unsent, { maxAge: 1, maxBytes: 0, maxRows: 0 }, 'seq 3, undelivered, counted as an unsent drop');
});

t.test('a boot-time clock (1970) never makes rows look expired', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, maxAgeMs: 30 * DAY, maxSentAgeMs: DAY });
  outbox.enqueue(fixtureEntry(0, 5_000)); // stamped before NTP sync
  outbox.enqueue(fixtureEntry(1, Date.now() - 40 * DAY)); // really old
  outbox.enqueue(fixtureEntry(2));
  outbox.flush();
  const left = outbox.claimBatch(10, 1e6).map((r) => r.seq);
  t.same(left, [1, 3], 'the 1970 row is kept, the 40-day-old one dropped past it');
  t.equal(outbox.stats().dropped.unsent.maxAge, 1);
});

t.test('maxBytes keeps the file in bounds and keeps the newest telegrams', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const maxBytes = 256 * 1024;
  const outbox = openOutbox(t, { path, maxBytes, maxAgeMs: null, commitIntervalMs: 60_000 });
  const other = observer(t, path);
  const total = 5000;
  for (let i = 0; i < total; i++) {
    outbox.enqueue(fixtureEntry(i));
    if (i % 500 === 499) {
      outbox.flush();
      if (i > 3000) outbox.ackSent(outbox.claimBatch(100, 1e6).map((r) => r.seq));
    }
  }
  outbox.flush();
  const s = outbox.stats();
  t.ok(s.usedBytes <= maxBytes, `used ${s.usedBytes} ≤ ${maxBytes}`);
  const dropped = Object.values(s.dropped.sent).reduce((a, b) => a + b, 0) + Object.values(s.dropped.unsent).reduce((a, b) => a + b, 0);
  t.ok(s.dropped.unsent.maxBytes > 0, 'unsent rows had to go');
  t.equal(s.rows + dropped, total, 'every row is either stored or counted as dropped');
  t.equal(countRows(other), s.rows, 'counters agree with count(*)');
  t.equal(other.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get(), s.unsent);
  t.equal(other.prepare('SELECT max(seq) FROM outbox').pluck().get(), total, 'the newest is kept');
});

t.test('pruning is bounded per commit and catches up in the background', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const first = Outbox.open({ path, gatewayId: 'gw-test', maxAgeMs: null });
  for (let i = 0; i < 3000; i++) first.enqueue(fixtureEntry(i));
  first.close();
  // Reopened with a much lower limit: one commit may delete at most pruneStepRows rows.
  const outbox = openOutbox(t, { path, maxRows: 100, pruneStepRows: 500, maxAgeMs: null });
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  t.equal(outbox.stats().dropped.unsent.maxRows, 500, 'one step');
  for (let i = 0; i < 100 && outbox.stats().rows > 100; i++) await sleep(20);
  t.equal(outbox.stats().rows, 100, 'later steps ran without further enqueues');
  t.equal(outbox.stats().dropped.unsent.maxRows, 2901);
});

t.test('drop counters survive a restart', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const first = Outbox.open({ path, gatewayId: 'gw-test', maxRows: 5 });
  for (let i = 0; i < 8; i++) first.enqueue(fixtureEntry(i));
  first.close();
  const second = openOutbox(t, { path, maxRows: 5 });
  t.equal(second.stats().dropped.unsent.maxRows, 3);
  t.equal(second.stats().rows, 5);
  t.equal(second.pendingCount(), 5);
});
