import type { Database, Statement } from 'better-sqlite3';
import type { DataRecord, ReadingView } from '@wmbus/protocol';
import { StoreError } from './errors.js';
import { RecentReadings } from './recent-readings.js';
import type { NewReading, Page, ReadingRecord, ReadingsQuery, RecordsSource } from './repository.js';

interface ReadingRow {
  id: number;
  manufacturer: string;
  meter_id: string;
  version: number;
  device_type: number;
  received_at: number;
  stored_at: number;
  meter_time: string | null;
  driver: string | null;
  kind: string;
  reading: string;
  raw_ids: string | null;
}

const SELECT_READING = `SELECT r.id, m.manufacturer, m.meter_id, m.version, m.device_type, r.received_at, r.stored_at,
  r.meter_time, r.driver, r.kind, r.reading,
  (SELECT group_concat(t.id) FROM raw_telegrams t WHERE t.reading = r.id) AS raw_ids
  FROM readings r JOIN meters m ON m.id = r.meter`;

/** ReadingRecord whose `records` are decoded on first access (most readers never look at them). */
const toRecord = (r: ReadingRow, recordsOf: (rawId: number | undefined) => DataRecord[]): ReadingRecord => {
  const rawTelegramIds = r.raw_ids === null ? [] : r.raw_ids.split(',').map(Number).sort((a, b) => a - b);
  const record = {
    id: r.id,
    meter: { manufacturer: r.manufacturer, id: r.meter_id, version: r.version, deviceType: r.device_type },
    receivedAt: r.received_at,
    storedAt: r.stored_at,
    meterTime: r.meter_time,
    driver: r.driver,
    kind: r.kind,
    reading: JSON.parse(r.reading) as ReadingView,
    rawTelegramIds,
  } as ReadingRecord;
  const settle = (value: DataRecord[]): DataRecord[] => {
    Object.defineProperty(record, 'records', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(record, 'records', {
    enumerable: true,
    configurable: true,
    get: () => settle(recordsOf(rawTelegramIds[0])),
    set: settle,
  });
  return record;
};

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

const MAX_LIMIT = 1000;
const MAX_TIME = 8.64e15;

/** Cursor = position of the last item returned: (receivedAt, id), opaque to clients. */
const encodeCursor = (receivedAt: number, id: number): string => Buffer.from(`${receivedAt}.${id}`).toString('base64url');

function decodeCursor(cursor: string): [number, number] {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new StoreError('STORE_CURSOR_INVALID');
  return [Number(m[1]), Number(m[2])];
}

/** Readings: one per distinct radio telegram. */
export class ReadingsTable {
  private readonly insert: Statement;
  private readonly near: Statement<[number, number, number, Uint8Array, number], number>;
  private readonly lower: Statement;
  private readonly one: Statement<[number], ReadingRow>;
  private readonly page: Statement<[Record<string, string | number>], ReadingRow>;
  private readonly latest: Statement<[], ReadingRow>;
  private readonly rawOf: Statement<[number], { raw: Buffer }>;
  private readonly keysBetween: Statement<[number, number, number], { id: number; dedupe_key: Buffer; received_at: number }>;
  /** The dedupe lookup from memory; trusted only while `writing` (see recent-readings.ts). */
  readonly recent: RecentReadings;
  private writing = false;
  private dataVersion: number | undefined;
  private recordsSource: RecordsSource | undefined;
  private readonly recordsOf = (rawId: number | undefined): DataRecord[] => {
    if (!this.recordsSource) throw new StoreError('STORE_RECORDS_UNAVAILABLE');
    const row = rawId === undefined ? undefined : this.rawOf.get(rawId);
    // Decoded at ingest, so it decodes again unless the meter's key was replaced since: then the reading
    // view stays as stored and its records are unknown (empty) rather than a failed request.
    return (row && this.recordsSource(new Uint8Array(row.raw))) ?? [];
  };

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO readings (meter, dedupe_key, received_at, stored_at, meter_time, driver, kind, reading)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Positional parameters and pluck(): this runs once per telegram, and binding an object costs more.
    this.near = db
      .prepare<[number, number, number, Uint8Array, number], number>(
        `SELECT id FROM readings WHERE meter = ? AND received_at BETWEEN ? AND ? AND dedupe_key = ?
         ORDER BY abs(received_at - ?), id LIMIT 1`,
      )
      .pluck();
    this.lower = db.prepare(`UPDATE readings SET received_at = @at WHERE id = @id AND received_at > @at`);
    this.one = db.prepare(`${SELECT_READING} WHERE r.id = ?`);
    this.page = db.prepare(
      `${SELECT_READING}
       WHERE r.meter = (SELECT id FROM meters WHERE manufacturer = @manufacturer AND meter_id = @meterId)
         AND r.received_at >= @start AND r.received_at < @to AND (r.received_at, r.id) > (@afterTime, @afterId)
       ORDER BY r.received_at, r.id LIMIT @limit`,
    );
    // Per meter, the index readings_by_meter_time gives the newest row in one seek (ties on time: highest id).
    this.latest = db.prepare(
      `${SELECT_READING}
       WHERE r.id IN (SELECT (SELECT id FROM readings WHERE meter = mm.id ORDER BY received_at DESC, id DESC LIMIT 1) FROM meters mm)
       ORDER BY m.manufacturer, m.meter_id`,
    );
    this.rawOf = db.prepare(`SELECT raw FROM raw_telegrams WHERE id = ?`);
    // Covered by readings_by_meter_time (meter, received_at, dedupe_key; id is the rowid).
    this.keysBetween = db.prepare(`SELECT id, dedupe_key, received_at FROM readings WHERE meter = ? AND received_at BETWEEN ? AND ?`);
    this.recent = new RecentReadings((meter, from, to) =>
      this.keysBetween.all(meter, from, to).map((r) => ({ id: r.id, dedupeKey: r.dedupe_key.toString('latin1'), receivedAt: r.received_at })),
    );
  }

  /**
   * Called at the start of a write transaction (write lock held) with PRAGMA data_version: if another
   * connection committed since, what the index holds may be stale and it starts over.
   */
  beginWrite(dataVersion: number): void {
    if (dataVersion !== this.dataVersion) this.recent.clear();
    this.dataVersion = dataVersion;
    this.writing = true;
  }

  endWrite(rolledBack: boolean): void {
    this.writing = false;
    if (rolledBack) this.recent.clear();
  }

  setRecordsSource(source: RecordsSource): void {
    this.recordsSource = source;
  }

  add(r: NewReading): number {
    const info = this.insert.run(r.meter, r.dedupeKey, r.receivedAt, r.storedAt, r.meterTime, r.driver, r.kind, r.readingJson);
    const id = Number(info.lastInsertRowid);
    if (this.writing) this.recent.added(r.meter, { id, dedupeKey: latin1(r.dedupeKey), receivedAt: r.receivedAt });
    else this.recent.clear(); // written outside SqliteRepository.transaction: the index cannot follow
    return id;
  }

  findNear(meter: number, dedupeKey: Uint8Array, receivedAt: number, windowMs: number): number | undefined {
    if (this.writing) return this.recent.findNear(meter, latin1(dedupeKey), receivedAt, windowMs);
    return this.near.get(meter, receivedAt - windowMs, receivedAt + windowMs, dedupeKey, receivedAt);
  }

  lowerReceivedAt(id: number, receivedAt: number, meter: number): void {
    const changed = this.lower.run({ id, at: receivedAt }).changes > 0;
    if (!changed) return;
    if (this.writing) this.recent.lowered(id, meter, receivedAt);
    else this.recent.clear();
  }

  get(id: number): ReadingRecord | undefined {
    const row = this.one.get(id);
    return row && toRecord(row, this.recordsOf);
  }

  list(q: ReadingsQuery): Page<ReadingRecord> {
    const limit = q.limit ?? 100;
    const from = q.from ?? 0;
    const to = q.to ?? MAX_TIME;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new StoreError('STORE_RANGE_INVALID', `limit ${limit} (1..${MAX_LIMIT})`);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) throw new StoreError('STORE_RANGE_INVALID', `from ${from} to ${to}`);
    const [afterTime, afterId] = q.cursor ? decodeCursor(q.cursor) : [-1, -1];
    // One row more than asked tells whether another page exists without a count.
    // The index range starts at the cursor (not at `from`), so a deep page costs the same as the first.
    const start = Math.max(from, afterTime);
    const rows = this.page.all({ manufacturer: q.meter.manufacturer, meterId: q.meter.id, start, to, afterTime, afterId, limit: limit + 1 });
    const items = rows.slice(0, limit).map((r) => toRecord(r, this.recordsOf));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.id) : null };
  }

  latestPerMeter(): ReadingRecord[] {
    return this.latest.all().map((r) => toRecord(r, this.recordsOf));
  }
}
