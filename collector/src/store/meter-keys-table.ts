import type { Database, Statement } from 'better-sqlite3';
import type { MeterAddress } from './repository.js';

/** AES keys held by the collector. This class is the only reader of the key column. */
export class MeterKeysTable {
  private readonly put: Statement;
  private readonly all: Statement<[], { manufacturer: string; meter_id: string; key: Buffer }>;
  private readonly changes: Statement<[], number>;

  constructor(db: Database) {
    this.put = db.prepare(
      `INSERT INTO meter_keys (manufacturer, meter_id, key, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (manufacturer, meter_id) DO UPDATE SET key = excluded.key, added_at = excluded.added_at`,
    );
    this.all = db.prepare(`SELECT manufacturer, meter_id, key FROM meter_keys`);
    this.changes = db.prepare<[], number>(`SELECT value FROM change_counters WHERE name = 'meter_keys'`).pluck();
  }

  /** Moves whenever any connection adds, replaces or removes a key (migration 3's triggers). */
  version(): number {
    return this.changes.get() ?? 0;
  }

  putKey(meter: MeterAddress, key: Uint8Array, at: number): void {
    this.put.run(meter.manufacturer, meter.id, Buffer.from(key), at);
  }

  list(): { meter: MeterAddress; key: Uint8Array }[] {
    return this.all.all().map((r) => ({ meter: { manufacturer: r.manufacturer, id: r.meter_id }, key: new Uint8Array(r.key) }));
  }
}
