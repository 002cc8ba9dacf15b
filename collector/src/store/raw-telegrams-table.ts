import type { Database, Statement } from 'better-sqlite3';
import type { MeterAddress, NewRawTelegram, RawTelegramRecord, UndecodedTelegram } from './repository.js';

interface RawRow {
  id: number;
  gateway_id: string;
  seq: number;
  received_at: number;
  stored_at: number;
  stick_id: string;
  raw: Buffer;
  rssi_dbm: number | null;
  link_mode: string | null;
  frame_format: string | null;
  manufacturer: string | null;
  meter_id: string | null;
  decode_status: string;
  agent_error: string | null;
  reading: number | null;
}

const SELECT_RAW = `SELECT t.id, t.gateway_id, t.seq, t.received_at, t.stored_at, t.stick_id, t.raw, t.rssi_dbm, t.link_mode,
  t.frame_format, m.manufacturer, m.meter_id, t.decode_status, t.agent_error, t.reading
  FROM raw_telegrams t LEFT JOIN meters m ON m.id = t.meter`;

const toRecord = (r: RawRow): RawTelegramRecord => ({
  id: r.id,
  gatewayId: r.gateway_id,
  seq: r.seq,
  receivedAt: r.received_at,
  storedAt: r.stored_at,
  stickId: r.stick_id,
  raw: new Uint8Array(r.raw),
  rssiDbm: r.rssi_dbm,
  linkMode: r.link_mode,
  frameFormat: r.frame_format,
  meter: r.manufacturer !== null && r.meter_id !== null ? { manufacturer: r.manufacturer, id: r.meter_id } : null,
  decodeStatus: r.decode_status,
  agentError: r.agent_error,
  readingId: r.reading,
});

/** Every telegram a gateway uplinked, as received; idempotent on (gateway, seq). */
export class RawTelegramsTable {
  private readonly exists: Statement<[string, number], { one: number }>;
  private readonly seqsBetween: Statement<[string, number, number], number>;
  private readonly insert: Statement;
  private readonly decoded: Statement;
  private readonly failed: Statement;
  private readonly undecoded: Statement<[string, string, number, number], { id: number; meter: number; gateway_id: string; raw: Buffer; received_at: number; rssi_dbm: number | null; dedupe_key: Buffer }>;
  private readonly one: Statement<[number], RawRow>;
  private readonly ofReading: Statement<[number], RawRow>;

  constructor(db: Database) {
    this.exists = db.prepare(`SELECT 1 AS one FROM raw_telegrams WHERE gateway_id = ? AND seq = ?`);
    this.seqsBetween = db.prepare<[string, number, number], number>(`SELECT seq FROM raw_telegrams WHERE gateway_id = ? AND seq BETWEEN ? AND ?`).pluck();
    this.insert = db.prepare(
      `INSERT INTO raw_telegrams (gateway_id, seq, received_at, stored_at, stick_id, raw, rssi_dbm, link_mode, frame_format,
         meter, dedupe_key, decode_status, agent_error, reading)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.decoded = db.prepare(`UPDATE raw_telegrams SET decode_status = 'ok', reading = ? WHERE id = ?`);
    this.failed = db.prepare(`UPDATE raw_telegrams SET decode_status = ? WHERE id = ?`);
    this.undecoded = db.prepare(
      `SELECT t.id, t.meter, t.gateway_id, t.raw, t.received_at, t.rssi_dbm, t.dedupe_key FROM raw_telegrams t
       WHERE t.meter = (SELECT id FROM meters WHERE manufacturer = ? AND meter_id = ?) AND t.decode_status <> 'ok' AND t.id > ?
       ORDER BY t.id LIMIT ?`,
    );
    this.one = db.prepare(`${SELECT_RAW} WHERE t.id = ?`);
    this.ofReading = db.prepare(`${SELECT_RAW} WHERE t.reading = ? ORDER BY t.received_at, t.id`);
  }

  has(gatewayId: string, seq: number): boolean {
    return this.exists.get(gatewayId, seq) !== undefined;
  }

  /**
   * A gateway's batch holds consecutive seqs, so one range scan of the (gateway_id, seq) index answers for
   * all of them; a batch whose seqs are far apart (a resend mixed with new ones) is asked seq by seq.
   */
  storedSeqs(gatewayId: string, seqs: readonly number[]): Set<number> {
    const found = new Set<number>();
    if (seqs.length === 0) return found;
    let lo = seqs[0]!;
    let hi = lo;
    for (const s of seqs) {
      if (s < lo) lo = s;
      else if (s > hi) hi = s;
    }
    if (hi - lo > 4 * seqs.length) {
      for (const s of seqs) if (this.has(gatewayId, s)) found.add(s);
      return found;
    }
    const wanted = new Set(seqs);
    for (const s of this.seqsBetween.all(gatewayId, lo, hi)) if (wanted.has(s)) found.add(s);
    return found;
  }

  add(r: NewRawTelegram): number {
    const info = this.insert.run(
      r.gatewayId,
      r.seq,
      r.receivedAt,
      r.storedAt,
      r.stickId,
      r.raw,
      r.rssiDbm,
      r.linkMode,
      r.frameFormat,
      r.meter,
      r.dedupeKey,
      r.decodeStatus,
      r.agentError,
      r.reading,
    );
    return Number(info.lastInsertRowid);
  }

  markDecoded(id: number, reading: number): void {
    this.decoded.run(reading, id);
  }

  markFailed(id: number, decodeStatus: string): void {
    this.failed.run(decodeStatus, id);
  }

  undecodedOf(meter: MeterAddress, afterId: number, limit: number): UndecodedTelegram[] {
    return this.undecoded.all(meter.manufacturer, meter.id, afterId, limit).map((r) => ({
      id: r.id,
      meter: r.meter,
      gatewayId: r.gateway_id,
      raw: new Uint8Array(r.raw),
      receivedAt: r.received_at,
      rssiDbm: r.rssi_dbm,
      dedupeKey: new Uint8Array(r.dedupe_key),
    }));
  }

  get(id: number): RawTelegramRecord | undefined {
    const row = this.one.get(id);
    return row && toRecord(row);
  }

  ofReadingId(readingId: number): RawTelegramRecord[] {
    return this.ofReading.all(readingId).map(toRecord);
  }
}
