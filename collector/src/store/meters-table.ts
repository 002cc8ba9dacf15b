import type { Database, Statement } from 'better-sqlite3';
import type { MeterAddress, MeterGatewayRecord, MeterIdentity, MeterRecord } from './repository.js';

interface MeterRow {
  id: number;
  manufacturer: string;
  meter_id: string;
  version: number;
  device_type: number;
  driver: string | null;
  kind: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

interface MeterGatewayRow {
  gateway_id: string;
  last_rssi_dbm: number | null;
  last_seen_at: number;
}

/** What this connection last wrote or read of a meter row. */
interface CachedMeter {
  id: number;
  version: number;
  deviceType: number;
  driver: string | null;
  kind: string | null;
  first: number;
  last: number;
}

/**
 * Meters and where they are heard (last RSSI per gateway).
 *
 * Every ingested batch touches each meter it heard, so the rows this connection wrote are remembered and a
 * sighting that changes nothing (an older telegram, the same driver) writes nothing, and one that does
 * is a plain UPDATE by rowid instead of an upsert through the unique index. Like the readings' dedupe
 * index (recent-readings.ts), what is remembered is trusted only inside this connection's write
 * transactions and dropped when another connection wrote (PRAGMA data_version) or a transaction rolled back.
 */
export class MetersTable {
  private readonly upsert: Statement<[Record<string, unknown>], MeterRow>;
  private readonly update: Statement<[number, number, string | null, string | null, number, number, number]>;
  private readonly atGateway: Statement;
  private readonly updateAtGateway: Statement<[number | null, number, number, string]>;
  private readonly one: Statement<[string, string], MeterRow>;
  private readonly all: Statement<[], MeterRow>;
  private readonly gatewaysOf: Statement<[number], MeterGatewayRow>;
  private readonly cache = new Map<string, CachedMeter>();
  /** `${meter} ${gatewayId}` → the row's last RSSI and time. */
  private readonly atGatewayCache = new Map<string, { rssiDbm: number | null; at: number }>();
  private writing = false;
  private dataVersion: number | undefined;

  constructor(db: Database) {
    // Telegrams of one batch may arrive out of order: the newest one sets version, type and last seen.
    this.upsert = db.prepare(
      `INSERT INTO meters (manufacturer, meter_id, version, device_type, driver, kind, first_seen_at, last_seen_at)
       VALUES (@manufacturer, @id, @version, @deviceType, @driver, @kind, @first, @last)
       ON CONFLICT (manufacturer, meter_id) DO UPDATE SET
         version = iif(excluded.last_seen_at >= last_seen_at, excluded.version, version),
         device_type = iif(excluded.last_seen_at >= last_seen_at, excluded.device_type, device_type),
         driver = coalesce(excluded.driver, driver),
         kind = coalesce(excluded.kind, kind),
         first_seen_at = min(first_seen_at, excluded.first_seen_at),
         last_seen_at = max(last_seen_at, excluded.last_seen_at)
       RETURNING *`,
    );
    this.update = db.prepare(`UPDATE meters SET version = ?, device_type = ?, driver = ?, kind = ?, first_seen_at = ?, last_seen_at = ? WHERE id = ?`);
    this.atGateway = db.prepare(
      `INSERT INTO meter_gateways (meter, gateway_id, last_rssi_dbm, last_seen_at) VALUES (@meter, @gatewayId, @rssi, @at)
       ON CONFLICT (meter, gateway_id) DO UPDATE SET
         last_rssi_dbm = iif(excluded.last_seen_at >= last_seen_at, excluded.last_rssi_dbm, last_rssi_dbm),
         last_seen_at = max(last_seen_at, excluded.last_seen_at)
       RETURNING last_rssi_dbm, last_seen_at`,
    );
    this.updateAtGateway = db.prepare(`UPDATE meter_gateways SET last_rssi_dbm = ?, last_seen_at = ? WHERE meter = ? AND gateway_id = ?`);
    this.one = db.prepare(`SELECT * FROM meters WHERE manufacturer = ? AND meter_id = ?`);
    this.all = db.prepare(`SELECT * FROM meters ORDER BY manufacturer, meter_id`);
    this.gatewaysOf = db.prepare(`SELECT gateway_id, last_rssi_dbm, last_seen_at FROM meter_gateways WHERE meter = ? ORDER BY gateway_id`);
  }

  /** Called at the start of a write transaction with PRAGMA data_version (see recent-readings.ts). */
  beginWrite(dataVersion: number): void {
    if (dataVersion !== this.dataVersion) this.forget();
    this.dataVersion = dataVersion;
    this.writing = true;
  }

  endWrite(rolledBack: boolean): void {
    this.writing = false;
    if (rolledBack) this.forget();
  }

  /** Drops what is remembered (a savepoint rolled back, or the rows may have changed elsewhere). */
  forget(): void {
    this.cache.clear();
    this.atGatewayCache.clear();
  }

  upsertMeter(m: MeterIdentity, seen: { first: number; last: number }, driver: string | null, kind: string | null): number {
    const key = `${m.manufacturer}:${m.id}`;
    const known = this.writing ? this.cache.get(key) : undefined;
    if (!known) {
      if (!this.writing) this.forget(); // written outside SqliteRepository.transaction: the cache cannot follow
      const row = this.upsert.get({ manufacturer: m.manufacturer, id: m.id, version: m.version, deviceType: m.deviceType, driver, kind, first: seen.first, last: seen.last })!;
      if (this.writing) {
        this.cache.set(key, { id: row.id, version: row.version, deviceType: row.device_type, driver: row.driver, kind: row.kind, first: row.first_seen_at, last: row.last_seen_at });
      }
      return row.id;
    }
    // The same rules as the upsert's SET clause.
    const newest = seen.last >= known.last;
    const next: CachedMeter = {
      id: known.id,
      version: newest ? m.version : known.version,
      deviceType: newest ? m.deviceType : known.deviceType,
      driver: driver ?? known.driver,
      kind: kind ?? known.kind,
      first: Math.min(known.first, seen.first),
      last: Math.max(known.last, seen.last),
    };
    if (
      next.version !== known.version ||
      next.deviceType !== known.deviceType ||
      next.driver !== known.driver ||
      next.kind !== known.kind ||
      next.first !== known.first ||
      next.last !== known.last
    ) {
      this.update.run(next.version, next.deviceType, next.driver, next.kind, next.first, next.last, known.id);
      this.cache.set(key, next);
    }
    return known.id;
  }

  noteAtGateway(meter: number, gatewayId: string, rssiDbm: number | null, seenAt: number): void {
    const key = `${meter} ${gatewayId}`;
    const known = this.writing ? this.atGatewayCache.get(key) : undefined;
    if (!known) {
      if (!this.writing) this.forget();
      const row = this.atGateway.get({ meter, gatewayId, rssi: rssiDbm, at: seenAt }) as { last_rssi_dbm: number | null; last_seen_at: number };
      if (this.writing) this.atGatewayCache.set(key, { rssiDbm: row.last_rssi_dbm, at: row.last_seen_at });
      return;
    }
    if (seenAt < known.at || (seenAt === known.at && rssiDbm === known.rssiDbm)) return;
    this.updateAtGateway.run(rssiDbm, seenAt, meter, gatewayId);
    this.atGatewayCache.set(key, { rssiDbm, at: seenAt });
  }

  get(address: MeterAddress): MeterRecord | undefined {
    const row = this.one.get(address.manufacturer, address.id);
    return row && this.toRecord(row);
  }

  list(): MeterRecord[] {
    return this.all.all().map((r) => this.toRecord(r));
  }

  private toRecord(r: MeterRow): MeterRecord {
    const gateways: MeterGatewayRecord[] = this.gatewaysOf
      .all(r.id)
      .map((g) => ({ gatewayId: g.gateway_id, lastRssiDbm: g.last_rssi_dbm, lastSeenAt: g.last_seen_at }));
    return {
      manufacturer: r.manufacturer,
      id: r.meter_id,
      version: r.version,
      deviceType: r.device_type,
      driver: r.driver,
      kind: r.kind,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      gateways,
    };
  }
}
