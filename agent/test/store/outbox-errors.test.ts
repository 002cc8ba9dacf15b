import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { OutboxError } from '../../src/store/errors.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { Outbox, type OutboxEntry } from '../../src/store/outbox.js';
import { TELEGRAMS, telegramBytes } from './fixtures/telegrams.js';
import { countRows, fixtureEntry, observer, openOutbox, tempDir, waitFor } from './helpers.js';

const code = (c: string) => ({ name: 'OutboxError', code: c });

t.test('bad entries get coded errors and leave stored and buffered telegrams alone', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path });
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  outbox.enqueue(fixtureEntry(1)); // waiting in the buffer
  const raw = telegramBytes(TELEGRAMS[0]!);
  const bad: [string, unknown][] = [
    ['OUTBOX_RAW_MISSING', { decodeStatus: 'ok' }],
    ['OUTBOX_RAW_MISSING', { raw: new Uint8Array(0), decodeStatus: 'ok' }],
    ['OUTBOX_RAW_MISSING', { raw: '2E44', decodeStatus: 'ok' }],
    ['OUTBOX_RAW_MISSING', null],
    ['OUTBOX_TOO_LARGE', { raw: new Uint8Array(5000), decodeStatus: 'ok' }],
    ['OUTBOX_TOO_LARGE', { raw, decoded: new Uint8Array(70_000), decodeStatus: 'ok' }],
    ['OUTBOX_FIELD_INVALID', { raw }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'key missing' }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', manufacturer: 'kamstrup' }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', meterId: '1234' }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', version: 256 }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', deviceType: -1 }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', rssiDbm: Number.NaN }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', receivedAt: 'yesterday' }],
    ['OUTBOX_FIELD_INVALID', { raw, decodeStatus: 'ok', decoded: 'cbor' }],
  ];
  for (const [expected, entry] of bad) {
    t.throws(() => outbox.enqueue(entry as OutboxEntry), code(expected), `${expected}: ${JSON.stringify(entry)?.slice(0, 60)}`);
  }
  t.equal(outbox.stats().lastSeq, 2, 'refused entries take no sequence number');
  t.equal(outbox.enqueue(fixtureEntry(2)), 3);
  outbox.flush();
  const other = observer(t, path);
  t.same(other.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all(), [1, 2, 3]);
  t.throws(() => outbox.updateDecoded(1, null, 'nope'), code('OUTBOX_FIELD_INVALID'));
  t.throws(() => outbox.claimBatch(0, 100), code('OUTBOX_OPTIONS'));
});

t.test('options are checked', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  t.throws(() => Outbox.open({ path, gatewayId: '' }), code('OUTBOX_OPTIONS'));
  t.throws(() => Outbox.open({ path, gatewayId: 'gw', commitIntervalMs: 0 }), code('OUTBOX_OPTIONS'));
  t.throws(() => Outbox.open({ path, gatewayId: 'gw', maxBytes: -5 }), code('OUTBOX_OPTIONS'));
});

t.test('a closed outbox refuses work with a coded error', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = Outbox.open({ path, gatewayId: 'gw' });
  outbox.close();
  outbox.close(); // idempotent
  t.throws(() => outbox.enqueue(fixtureEntry(0)), code('OUTBOX_CLOSED'));
  t.throws(() => outbox.claimBatch(1, 1), code('OUTBOX_CLOSED'));
});

t.test("another gateway's file is refused untouched", async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const a = Outbox.open({ path, gatewayId: 'gw-a' });
  a.enqueue(fixtureEntry(0));
  a.close();
  t.throws(() => Outbox.open({ path, gatewayId: 'gw-b' }), code('OUTBOX_GATEWAY_MISMATCH'));
  const again = openOutbox(t, { path, gatewayId: 'gw-a' });
  t.equal(again.stats().rows, 1);
  t.equal(again.enqueue(fixtureEntry(1)), 2);
});

t.test('a file from a newer schema is refused without writing to it', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const a = Outbox.open({ path, gatewayId: 'gw' });
  a.enqueue(fixtureEntry(0));
  a.close();
  const raw = new Database(path);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  t.throws(() => Outbox.open({ path, gatewayId: 'gw' }), code('OUTBOX_SCHEMA_NEWER'));
  const check = observer(t, path);
  t.equal(countRows(check), 1);
  t.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
});

t.test('schema is created at SCHEMA_VERSION and reopening does not migrate again', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  Outbox.open({ path, gatewayId: 'gw' }).close();
  const check = new Database(path, { readonly: true });
  t.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  t.equal(check.pragma('journal_mode', { simple: true }), 'wal');
  const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
  t.same(tables, ['outbox', 'outbox_counters', 'outbox_sequence']);
  check.close();
  Outbox.open({ path, gatewayId: 'gw' }).close();
});

t.test('directory 0700, database and WAL files 0600', async (t) => {
  const dir = join(tempDir(t), 'state', 'outbox');
  const path = join(dir, 'outbox.db');
  const outbox = openOutbox(t, { path });
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  t.equal(statSync(dir).mode & 0o777, 0o700);
  for (const f of [path, `${path}-wal`, `${path}-shm`]) t.equal(statSync(f).mode & 0o777, 0o600, f);
});

t.test('an existing file with a wide mode is tightened', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  writeFileSync(path, '', { mode: 0o644 });
  openOutbox(t, { path });
  t.equal(statSync(path).mode & 0o777, 0o600);
});

t.test('a failing commit loses nothing: the batch stays buffered and is retried', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const errors: OutboxError[] = [];
  const outbox = openOutbox(t, { path, commitIntervalMs: 20, onError: (e) => errors.push(e) });
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  // Make SQLite refuse inserts, as a full or failing disk would, from another connection.
  const admin = new Database(path);
  t.teardown(() => admin.close());
  admin.exec("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
  outbox.enqueue(fixtureEntry(1));
  outbox.enqueue(fixtureEntry(2));
  t.throws(() => outbox.flush(), { code: 'OUTBOX_STORAGE', message: /disk says no/ });
  t.equal(outbox.stats().buffered, 2);
  t.equal(outbox.stats().commitFailures, 1);
  t.equal(outbox.pendingCount(), 3);
  t.ok(await waitFor(() => errors.length >= 1), 'the background retry fails too and is reported');
  t.ok(errors.every((e) => e.code === 'OUTBOX_STORAGE'));
  t.equal(countRows(admin), 1, 'the failed batch left no half rows');

  admin.exec('DROP TRIGGER refuse');
  t.ok(await waitFor(() => countRows(admin) === 3), 'the background retry commits it');
  t.equal(outbox.stats().buffered, 0);
  t.equal(outbox.stats().lastCommitError, null);
  const rows = outbox.claimBatch(10, 1e6);
  t.same(rows.map((r) => r.raw), [0, 1, 2].map((i) => fixtureEntry(i).raw));
});

t.test('the backlog is bounded while commits fail', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, maxBufferedRows: 5, maxBacklogRows: 20, onError: () => {} });
  outbox.enqueue(fixtureEntry(0));
  outbox.flush();
  const admin = new Database(path);
  t.teardown(() => admin.close());
  admin.exec("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'full'); END");
  for (let i = 0; i < 20; i++) outbox.enqueue(fixtureEntry(i));
  t.throws(() => outbox.enqueue(fixtureEntry(20)), code('OUTBOX_BACKLOG_FULL'));
  admin.exec('DROP TRIGGER refuse');
  outbox.flush();
  t.equal(countRows(admin), 21);
});

t.test('acks held while commits fail are bounded: no rows are claimed until they are committed', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const errors: OutboxError[] = [];
  const outbox = openOutbox(t, { path, commitIntervalMs: 20, maxPendingUpdates: 10, onError: (e) => errors.push(e) });
  for (let i = 0; i < 40; i++) outbox.enqueue(fixtureEntry(i));
  outbox.flush();
  const admin = new Database(path);
  t.teardown(() => admin.close());
  admin.exec("CREATE TRIGGER refuse BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
  const first = outbox.claimBatch(8, 1e6).map((r) => r.seq);
  outbox.ackSent(first);
  t.equal(outbox.claimBatch(8, 1e6).length, 8, 'eight acks waiting: claims go on');
  outbox.ackSent([9, 10]);
  t.ok(errors.length >= 1, 'the tenth ack tried to commit at once and the disk refused');
  t.same(outbox.claimBatch(8, 1e6), [], 'ten acks that cannot be committed: nothing more is claimed');
  admin.exec('DROP TRIGGER refuse');
  t.ok(await waitFor(() => admin.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get() === 10), 'the retry commits the acks');
  t.same(outbox.claimBatch(8, 1e6).map((r) => r.seq), [17, 18, 19, 20, 21, 22, 23, 24], 'and claiming resumes after the rows in flight');
});

t.test('re-decodes are refused with OUTBOX_BACKLOG_FULL at twice maxPendingUpdates while commits fail', async (t) => {
  const path = join(tempDir(t), 'outbox.db');
  const outbox = openOutbox(t, { path, commitIntervalMs: 20, maxPendingUpdates: 5, onError: () => {} });
  for (let i = 0; i < 20; i++) outbox.enqueue({ ...fixtureEntry(i), decoded: null, decodeStatus: 'KEY_MISSING' });
  outbox.flush();
  const admin = new Database(path);
  t.teardown(() => admin.close());
  admin.exec("CREATE TRIGGER refuse BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
  for (let seq = 1; seq <= 10; seq++) outbox.updateDecoded(seq, Uint8Array.of(0xa0), 'ok');
  t.throws(() => outbox.updateDecoded(11, Uint8Array.of(0xa0), 'ok'), code('OUTBOX_BACKLOG_FULL'));
  admin.exec('DROP TRIGGER refuse');
  t.ok(await waitFor(() => admin.prepare("SELECT count(*) FROM outbox WHERE decode_status = 'ok'").pluck().get() === 10), 'the ten taken are committed by the retry');
  t.equal(outbox.updateDecoded(11, Uint8Array.of(0xa0), 'ok'), true, 'and the next is taken again');
});
