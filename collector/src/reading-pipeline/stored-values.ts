/**
 * A radio meter's values around one instant, read straight from the store's tables on the same database
 * handle (read-only; the store's public interface pages whole readings, this needs a few rows on each side
 * of a target instant). Both queries are index seeks on readings_by_meter_time (meter, received_at), so the
 * cost does not grow with the number of stored readings.
 *
 * A value's instant is the gateway's receivedAt: the collector trusts its gateways' clocks more than a
 * meter's (the meter time is local time without zone and drifts). Store reading ids stand in for the core's
 * telegramIds; rawTelegramIds() maps them to raw telegram ids.
 *
 * ORDER BY received_at alone (no id tie-break): the index then delivers rows in order and LIMIT stops
 * the seek at once; a tie-break on id made SQLite sort the whole ±tolerance window (a temp B-tree),
 * ~850 rows per meter at 10 M readings (scripts/bench-api.ts). Many meters are looked up in one statement.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ReadingView } from '@wmbus/protocol';
import type { MeterSample, MeterStatus, MeterValues, StoredValue } from '../billing/index.js';

/** A stored reading as the window statement returns it, in raw (array) mode: fewer objects per row. */
type Row = [id: number, meter: number, receivedAt: number, reading: string];

export interface ValuesWindow {
  values: MeterValues & { samples: MeterSample[]; stored: StoredValue[] };
  /** Unit of the values, by store reading id (as the telegram named it, e.g. 'm3', 'HCA', 'kWh'). */
  units: Map<string, string>;
}

/** How many stored readings each side of the target are looked at. */
export interface WindowSize {
  before: number;
  after: number;
  /** Only readings within ±spanMs of the target. */
  spanMs: number;
}

const statusOf = (view: ReadingView): MeterStatus | undefined => {
  const flags = view.status?.flags ?? [];
  if (flags.length === 0) return undefined;
  return {
    batteryLow: flags.includes('battery_low'),
    tamper: flags.includes('tamper'),
    leak: flags.includes('leak'),
    reverseFlow: flags.includes('reverse_flow'),
    error: flags.includes('error'),
  };
};

export class StoredValues {
  private readonly db: Database;
  private readonly meterRow: Statement<[string, string], { id: number }>;
  private readonly ofProperty: Statement<[number], { billing: number; store: number }>;
  private readonly raw: Statement<[string], [reading: number, id: number]>;
  private readonly newest: Statement<[], { n: number | null }>;
  private readonly windowStatements = new Map<string, Statement<[Record<string, number | string>], Row>>();

  constructor(db: Database) {
    this.db = db;
    this.meterRow = db.prepare(`SELECT id FROM meters WHERE manufacturer = ? AND meter_id = ?`);
    this.ofProperty = db.prepare(
      `SELECT b.id AS billing, m.id AS store FROM billing_meters b JOIN meters m ON m.manufacturer = b.manufacturer AND m.meter_id = b.radio_id WHERE b.property = ?`,
    );
    this.newest = db.prepare(`SELECT max(id) AS n FROM meters`);
    this.raw = db.prepare<[string], [number, number]>(`SELECT reading, id FROM raw_telegrams WHERE reading IN (SELECT value FROM json_each(?)) ORDER BY id`).raw(true);
  }

  /** The store's internal meter number for a radio address, or undefined if it never sent anything. */
  storeMeter(manufacturer: string, radioId: string): number | undefined {
    return this.meterRow.get(manufacturer, radioId)?.id;
  }

  /** Grows when the ingest sees a new radio meter: the billing → store mapping may have changed. */
  newestStoreMeter(): number {
    return this.newest.get()?.n ?? 0;
  }

  /** Billing meter id → store meter number, for every radio meter of a property that has sent something. */
  storeMetersOfProperty(propertyId: number): Map<number, number> {
    return new Map(this.ofProperty.all(propertyId).map((r) => [r.billing, r.store]));
  }

  /**
   * One statement reads, for every meter, the k-th reading before/after `at`: each slot is a scalar
   * subquery, one index seek (LIMIT 1 OFFSET k), and the rows are then fetched by id. A compound IN-list
   * per meter was ten times slower, and fetching ids first and rows in a second statement slower too.
   */
  private windowStatement(before: number, after: number) {
    const key = `${before}/${after}`;
    let st = this.windowStatements.get(key);
    if (!st) {
      const slots = [
        ...Array.from({ length: before }, (_, k) => `SELECT (SELECT id FROM readings WHERE meter = t.meter AND received_at <= @at AND received_at >= @lo ORDER BY received_at DESC LIMIT 1 OFFSET ${k}) FROM t`),
        ...Array.from({ length: after }, (_, k) => `SELECT (SELECT id FROM readings WHERE meter = t.meter AND received_at > @at AND received_at <= @hi ORDER BY received_at LIMIT 1 OFFSET ${k}) FROM t`),
      ];
      st = this.db
        .prepare<[Record<string, number | string>], Row>(
          `WITH t(meter) AS (SELECT value FROM json_each(@meters))
           SELECT r.id, r.meter, r.received_at, r.reading FROM readings r WHERE r.id IN (${slots.join(' UNION ALL ')})`,
        )
        .raw(true);
      this.windowStatements.set(key, st);
    }
    return st;
  }

  /** Values of many meters around one instant, in one statement whatever the number of meters. */
  windows(storeMeters: readonly number[], at: number, size: WindowSize): Map<number, ValuesWindow> {
    const out = new Map<number, ValuesWindow>();
    for (const m of storeMeters) out.set(m, { values: { meterId: String(m), samples: [], stored: [] }, units: new Map() });
    if (storeMeters.length === 0 || size.before + size.after === 0) return out;
    const rows = this.windowStatement(size.before, size.after).all({ meters: JSON.stringify(storeMeters), at, lo: at - size.spanMs, hi: at + size.spanMs });
    for (const row of rows) addRow(out.get(row[1])!, row);
    for (const w of out.values()) {
      if (w.values.samples.length > 1) w.values.samples.sort((a, b) => a.at - b.at);
      // Keep the earliest telegram that carried each stored value: it is the one closest to the day it stands for.
      if (w.values.stored.length > 1) w.values.stored.sort((a, b) => Number(a.telegramId) - Number(b.telegramId));
    }
    return out;
  }

  around(storeMeter: number, at: number, size: WindowSize): ValuesWindow {
    return this.windows([storeMeter], at, size).get(storeMeter)!;
  }

  /** Raw telegram ids of store readings (the audit chain: every gateway's copy), in one statement. */
  rawTelegramIds(readingIds: readonly number[]): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (readingIds.length === 0) return out;
    for (const [reading, id] of this.raw.all(JSON.stringify(readingIds))) {
      const list = out.get(reading);
      if (list) list.push(id);
      else out.set(reading, [id]);
    }
    return out;
  }
}

function addRow(w: ValuesWindow, [id, , receivedAt, reading]: Row): void {
  let view: ReadingView;
  try {
    view = JSON.parse(reading) as ReadingView;
  } catch {
    return; // a reading view the store could not have written; never let one row fail the batch
  }
  const { values, units } = w;
  const telegramId = String(id);
  const status = statusOf(view);
  if (view.current && Number.isFinite(view.current.value)) {
    values.samples.push({ value: view.current.value, at: receivedAt, telegramId, ...(status ? { status } : {}) });
    units.set(telegramId, view.current.unit);
  }
  if (view.dueDate && Number.isFinite(view.dueDate.value)) {
    values.stored.push({ value: view.dueDate.value, date: view.dueDate.date, telegramId, source: 'dueDate' });
    units.set(telegramId, view.dueDate.unit);
  }
  if (view.history?.length) for (const h of view.history) {
    if (Number.isFinite(h.value)) values.stored.push({ value: h.value, date: h.date, telegramId, source: 'history' });
  }
}
