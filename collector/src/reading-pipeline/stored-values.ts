/**
 * A radio meter's values around one instant, read straight from the store's tables on the same database
 * handle (read-only; the store's public interface pages whole readings, this needs a few rows on each side
 * of a target instant). Both queries are index seeks on readings_by_meter_time (meter, received_at), so the
 * cost does not grow with the number of stored readings.
 *
 * A value's instant is the gateway's receivedAt: the collector trusts its gateways' clocks more than a
 * meter's (the meter time is local time without zone and drifts). Store reading ids stand in for the core's
 * telegramIds; auditTrail() maps them to raw telegram ids.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ReadingView } from '@wmbus/protocol';
import type { MeterSample, MeterStatus, MeterValues, StoredValue } from '../billing/index.js';

interface Row {
  id: number;
  received_at: number;
  reading: string;
}

export interface ValuesWindow {
  values: MeterValues;
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
  private readonly meterRow: Statement<[string, string], { id: number }>;
  private readonly before: Statement<[number, number, number, number], Row>;
  private readonly after: Statement<[number, number, number, number], Row>;
  private readonly raw: Statement<[number], { id: number }>;

  constructor(db: Database) {
    this.meterRow = db.prepare(`SELECT id FROM meters WHERE manufacturer = ? AND meter_id = ?`);
    this.before = db.prepare(
      `SELECT id, received_at, reading FROM readings WHERE meter = ? AND received_at <= ? AND received_at >= ? ORDER BY received_at DESC, id DESC LIMIT ?`,
    );
    this.after = db.prepare(
      `SELECT id, received_at, reading FROM readings WHERE meter = ? AND received_at > ? AND received_at <= ? ORDER BY received_at, id LIMIT ?`,
    );
    this.raw = db.prepare(`SELECT id FROM raw_telegrams WHERE reading = ? ORDER BY id`);
  }

  /** The store's internal meter number for a radio address, or undefined if it never sent anything. */
  storeMeter(manufacturer: string, radioId: string): number | undefined {
    return this.meterRow.get(manufacturer, radioId)?.id;
  }

  around(storeMeter: number, at: number, size: WindowSize): ValuesWindow {
    const rows = [
      ...this.before.all(storeMeter, at, at - size.spanMs, size.before),
      ...this.after.all(storeMeter, at, at + size.spanMs, size.after),
    ];
    const samples: MeterSample[] = [];
    const stored: StoredValue[] = [];
    const units = new Map<string, string>();
    for (const row of rows) {
      let view: ReadingView;
      try {
        view = JSON.parse(row.reading) as ReadingView;
      } catch {
        continue; // a reading view the store could not have written; never let one row fail the batch
      }
      const telegramId = String(row.id);
      const status = statusOf(view);
      if (view.current && Number.isFinite(view.current.value)) {
        samples.push({ value: view.current.value, at: row.received_at, telegramId, ...(status ? { status } : {}) });
        units.set(telegramId, view.current.unit);
      }
      if (view.dueDate && Number.isFinite(view.dueDate.value)) {
        stored.push({ value: view.dueDate.value, date: view.dueDate.date, telegramId, source: 'dueDate' });
        units.set(telegramId, view.dueDate.unit);
      }
      for (const h of view.history ?? []) {
        if (Number.isFinite(h.value)) stored.push({ value: h.value, date: h.date, telegramId, source: 'history' });
      }
    }
    samples.sort((a, b) => a.at - b.at);
    // Keep the earliest telegram that carried each stored value: it is the one closest to the day it stands for.
    stored.sort((a, b) => Number(a.telegramId) - Number(b.telegramId));
    return { values: { meterId: String(storeMeter), samples, stored }, units };
  }

  /** Raw telegram ids of store readings (the audit chain: every gateway's copy). */
  rawTelegramIds(readingIds: readonly number[]): number[] {
    const out: number[] = [];
    for (const id of readingIds) for (const r of this.raw.all(id)) out.push(r.id);
    return out.sort((a, b) => a - b);
  }
}
