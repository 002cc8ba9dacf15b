/**
 * What the collector stores, as the ingest and (later) the HTTP API see it. The SQLite implementation is
 * sqlite-repository.ts; nothing outside src/store knows about SQL.
 *
 * Writes are only consistent inside `transaction()`: the ingest stores a whole uplink batch in one, and
 * only after it commits may the broker send the PUBACK ("PUBACK means stored").
 */
import type { DataRecord, ReadingView } from '@wmbus/protocol';

/** A meter as its link layer names it (the MQTT contract's MeterSelector). */
export interface MeterAddress {
  manufacturer: string;
  id: string;
}

export interface MeterIdentity extends MeterAddress {
  version: number;
  deviceType: number;
}

export type ConnState = 'online' | 'offline';

export interface GatewayRecord {
  id: string;
  name: string | null;
  createdAt: number;
  lastSeenAt: number | null;
  connState: ConnState | null;
  connStateAt: number | null;
  lastStats: unknown;
  lastStatsAt: number | null;
}

export interface MeterGatewayRecord {
  gatewayId: string;
  lastRssiDbm: number | null;
  lastSeenAt: number;
}

export interface MeterRecord extends MeterIdentity {
  driver: string | null;
  kind: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  gateways: MeterGatewayRecord[];
}

export interface RawTelegramRecord {
  id: number;
  gatewayId: string;
  seq: number;
  receivedAt: number;
  storedAt: number;
  stickId: string;
  raw: Uint8Array;
  rssiDbm: number | null;
  /** Absent when the stick does not report it. */
  linkMode: string | null;
  frameFormat: string | null;
  meter: MeterAddress | null;
  /** 'ok' or the collector's decoding error code (KEY_MISSING, COMPACT_FORMAT_UNKNOWN, ...). */
  decodeStatus: string;
  /** The gateway's own decodeError code, if it sent one. */
  agentError: string | null;
  readingId: number | null;
}

export interface ReadingRecord {
  id: number;
  meter: MeterIdentity;
  /** Earliest gateway receivedAt among the raw telegrams of this reading (ms, UTC). */
  receivedAt: number;
  storedAt: number;
  /** The meter's own clock, local time without zone, when the telegram carries one. */
  meterTime: string | null;
  driver: string | null;
  kind: string;
  reading: ReadingView;
  /**
   * Not stored: decoded again from the reading's first raw telegram when first read (the repository's
   * RecordsSource, which the ingest sets to its own decoder). Raw is the truth and decoding deterministic.
   */
  records: DataRecord[];
  /** The audit chain: ids of every raw telegram (all gateways) this reading was decoded from. */
  rawTelegramIds: number[];
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ReadingsQuery {
  meter: MeterAddress;
  /** Inclusive lower bound on receivedAt (ms). */
  from?: number;
  /** Exclusive upper bound on receivedAt (ms). */
  to?: number;
  /** 1..1000, default 100. */
  limit?: number;
  cursor?: string | null;
}

/** A new raw telegram as the ingest hands it over (ids are assigned by the store). */
export interface NewRawTelegram {
  gatewayId: string;
  seq: number;
  receivedAt: number;
  storedAt: number;
  stickId: string;
  raw: Uint8Array;
  rssiDbm: number | null;
  /** Absent when the stick does not report it. */
  linkMode: string | null;
  frameFormat: string | null;
  meter: number | null;
  dedupeKey: Uint8Array;
  decodeStatus: string;
  agentError: string | null;
  reading: number | null;
}

export interface NewReading {
  meter: number;
  dedupeKey: Uint8Array;
  receivedAt: number;
  storedAt: number;
  meterTime: string | null;
  driver: string | null;
  kind: string;
  /** JSON.stringify(view), already serialized so the ingest can reuse it for identical telegrams. */
  readingJson: string;
}

/**
 * Decodes a stored raw telegram's records (the collector's decoder, with its keys and registry).
 * Returns undefined when the telegram does not decode (any more).
 */
export type RecordsSource = (raw: Uint8Array) => DataRecord[] | undefined;

/** A raw telegram waiting for a key (or another reason to decode again). */
export interface UndecodedTelegram {
  id: number;
  /** Internal meter number (as upsertMeter returns it). */
  meter: number;
  gatewayId: string;
  raw: Uint8Array;
  receivedAt: number;
  rssiDbm: number | null;
  dedupeKey: Uint8Array;
}

export interface CompactFormat {
  signature: number;
  format: Uint8Array;
}

export interface CollectorRepository {
  /** Runs `fn` in one IMMEDIATE transaction; commits when it returns, rolls back when it throws. */
  transaction<T>(fn: () => T): T;
  close(): void;
  /** Where ReadingRecord.records come from (they are not stored). The ingest sets its decoder. */
  setRecordsSource(source: RecordsSource): void;

  // gateways
  /** Creates the gateway on first contact and moves last_seen_at forward. */
  touchGateway(gatewayId: string, seenAt: number): void;
  setGatewayConnState(gatewayId: string, state: ConnState, at: number): void;
  setGatewayStats(gatewayId: string, stats: unknown, at: number): void;
  setGatewayName(gatewayId: string, name: string | null): void;
  gateway(gatewayId: string): GatewayRecord | undefined;
  gateways(): GatewayRecord[];

  // meters
  /**
   * Creates or updates the meter; returns its internal number (used by the other write methods).
   * `seen` spans the telegrams this call stands for (the ingest calls once per meter and batch); version
   * and device type are taken as of `seen.last`.
   */
  upsertMeter(meter: MeterIdentity, seen: { first: number; last: number }, driver: string | null, kind: string | null): number;
  noteMeterAtGateway(meter: number, gatewayId: string, rssiDbm: number | null, seenAt: number): void;
  meter(address: MeterAddress): MeterRecord | undefined;
  meters(): MeterRecord[];

  // raw telegrams and readings
  hasRawTelegram(gatewayId: string, seq: number): boolean;
  /** Which of `seqs` this gateway's raw telegrams already have (one index range scan for a whole batch). */
  storedSeqs(gatewayId: string, seqs: readonly number[]): Set<number>;
  insertRawTelegram(row: NewRawTelegram): number;
  /** The meter's reading with this dedupe key whose receivedAt is closest to `receivedAt`, within ±windowMs. */
  findReadingNear(meter: number, dedupeKey: Uint8Array, receivedAt: number, windowMs: number): number | undefined;
  insertReading(row: NewReading): number;
  /** Keeps a reading's receivedAt the earliest of its raw telegrams (`meter`: the reading's meter). */
  lowerReadingReceivedAt(reading: number, receivedAt: number, meter: number): void;
  markRawDecoded(rawId: number, reading: number): void;
  markRawFailed(rawId: number, decodeStatus: string): void;
  /** Undecoded raw telegrams of a meter with id > afterId, in id order. */
  undecodedTelegrams(meter: MeterAddress, afterId: number, limit: number): UndecodedTelegram[];
  rawTelegram(id: number): RawTelegramRecord | undefined;
  rawTelegramsOfReading(readingId: number): RawTelegramRecord[];
  reading(id: number): ReadingRecord | undefined;
  /** Readings of one meter ordered by (receivedAt, id), keyset-paginated. */
  readings(query: ReadingsQuery): Page<ReadingRecord>;
  /** The newest reading (by receivedAt) of every meter that has one. */
  latestReadings(): ReadingRecord[];
  counts(): { gateways: number; meters: number; rawTelegrams: number; readings: number; undecoded: number };

  // keys and compact formats
  putMeterKey(meter: MeterAddress, key: Uint8Array, at: number): void;
  /** All keys, for the decoder's in-memory map (the only reader of key material). */
  meterKeys(): { meter: MeterAddress; key: Uint8Array }[];
  /** A counter that moves whenever any writer of the store changes a key (several collector instances). */
  meterKeysVersion(): number;
  saveCompactFormats(formats: readonly CompactFormat[], at: number): number;
  compactFormats(): CompactFormat[];
}
