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

/** Meters and where they are heard (last RSSI per gateway). */
export class MetersTable {
  private readonly upsert: Statement<[Record<string, unknown>], { id: number }>;
  private readonly atGateway: Statement;
  private readonly one: Statement<[string, string], MeterRow>;
  private readonly all: Statement<[], MeterRow>;
  private readonly gatewaysOf: Statement<[number], MeterGatewayRow>;

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
       RETURNING id`,
    );
    this.atGateway = db.prepare(
      `INSERT INTO meter_gateways (meter, gateway_id, last_rssi_dbm, last_seen_at) VALUES (@meter, @gatewayId, @rssi, @at)
       ON CONFLICT (meter, gateway_id) DO UPDATE SET
         last_rssi_dbm = iif(excluded.last_seen_at >= last_seen_at, excluded.last_rssi_dbm, last_rssi_dbm),
         last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    );
    this.one = db.prepare(`SELECT * FROM meters WHERE manufacturer = ? AND meter_id = ?`);
    this.all = db.prepare(`SELECT * FROM meters ORDER BY manufacturer, meter_id`);
    this.gatewaysOf = db.prepare(`SELECT gateway_id, last_rssi_dbm, last_seen_at FROM meter_gateways WHERE meter = ? ORDER BY gateway_id`);
  }

  upsertMeter(m: MeterIdentity, seen: { first: number; last: number }, driver: string | null, kind: string | null): number {
    return this.upsert.get({ manufacturer: m.manufacturer, id: m.id, version: m.version, deviceType: m.deviceType, driver, kind, first: seen.first, last: seen.last })!.id;
  }

  noteAtGateway(meter: number, gatewayId: string, rssiDbm: number | null, seenAt: number): void {
    this.atGateway.run({ meter, gatewayId, rssi: rssiDbm, at: seenAt });
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
