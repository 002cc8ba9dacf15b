import type { CollectorRepository, MeterIdentity } from '../store/index.js';

interface Sighting {
  identity: MeterIdentity;
  first: number;
  last: number;
  driver: string | null;
  kind: string | null;
  /** RSSI of the latest telegram per gateway. */
  rssi: Map<string, { rssiDbm: number | null; at: number }>;
}

/**
 * Collects which meters a batch saw, so the meter rows and their per-gateway RSSI are written once per
 * meter and batch rather than once per telegram (a gateway's batch holds the same few hundred meters
 * again and again).
 */
export class MeterSightings {
  private readonly seen = new Map<string, Sighting>();

  static key(m: MeterIdentity): string {
    return `${m.manufacturer}:${m.id}`;
  }

  add(identity: MeterIdentity, at: number, gatewayId: string | null, rssiDbm: number | null, driver: string | null, kind: string | null): void {
    const key = MeterSightings.key(identity);
    let s = this.seen.get(key);
    if (!s) {
      s = { identity, first: at, last: at, driver, kind, rssi: new Map() };
      this.seen.set(key, s);
    } else {
      if (at < s.first) s.first = at;
      if (at >= s.last) {
        s.last = at;
        s.identity = identity;
      }
      if (driver !== null) s.driver = driver;
      if (kind !== null) s.kind = kind;
    }
    if (gatewayId !== null) {
      const previous = s.rssi.get(gatewayId);
      if (!previous || at >= previous.at) s.rssi.set(gatewayId, { rssiDbm, at });
    }
  }

  /** Writes the meter rows; returns MeterSightings.key → internal meter number. Call inside the transaction. */
  write(repo: CollectorRepository): Map<string, number> {
    const numbers = new Map<string, number>();
    for (const [key, s] of this.seen) {
      const meter = repo.upsertMeter(s.identity, { first: s.first, last: s.last }, s.driver, s.kind);
      for (const [gatewayId, { rssiDbm, at }] of s.rssi) repo.noteMeterAtGateway(meter, gatewayId, rssiDbm, at);
      numbers.set(key, meter);
    }
    return numbers;
  }
}
