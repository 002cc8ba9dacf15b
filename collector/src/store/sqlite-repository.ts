/**
 * CollectorRepository on better-sqlite3 (WAL, prepared statements, one table class per concern).
 * Synchronous by design: the ingest runs a whole batch inside one transaction, and a commit that returns
 * is on disk (synchronous=FULL), which is what the broker's PUBACK promises.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { CompactFormatsTable } from './compact-formats-table.js';
import { StoreError } from './errors.js';
import { GatewaysTable } from './gateways-table.js';
import { MeterKeysTable } from './meter-keys-table.js';
import { MetersTable } from './meters-table.js';
import { openDatabase, type OpenDatabaseOptions } from './open-database.js';
import { RawTelegramsTable } from './raw-telegrams-table.js';
import { ReadingsTable } from './readings-table.js';
import type {
  CollectorRepository,
  CompactFormat,
  ConnState,
  GatewayRecord,
  MeterAddress,
  MeterIdentity,
  MeterRecord,
  NewRawTelegram,
  NewReading,
  Page,
  RawTelegramRecord,
  ReadingRecord,
  ReadingsQuery,
  RecordsSource,
  UndecodedTelegram,
} from './repository.js';

const MANUFACTURER_RE = /^[A-Z@]{3}$/;
const METER_ID_RE = /^[0-9A-F]{8}$/;

export function assertMeterAddress(meter: MeterAddress): void {
  if (!MANUFACTURER_RE.test(meter?.manufacturer ?? '') || !METER_ID_RE.test(meter?.id ?? '')) {
    throw new StoreError('STORE_METER_INVALID', `${String(meter?.manufacturer)} ${String(meter?.id)}`);
  }
}

export class SqliteRepository implements CollectorRepository {
  readonly db: SqliteDatabase;
  private readonly gatewaysTable: GatewaysTable;
  private readonly metersTable: MetersTable;
  private readonly rawTable: RawTelegramsTable;
  private readonly readingsTable: ReadingsTable;
  private readonly keysTable: MeterKeysTable;
  private readonly formatsTable: CompactFormatsTable;
  private readonly dataVersion: Statement<[], number>;
  private transactionDepth = 0;
  private readonly countStatement: Statement<[], { gateways: number; meters: number; rawTelegrams: number; readings: number; undecoded: number }>;

  constructor(db: SqliteDatabase) {
    this.db = db;
    this.gatewaysTable = new GatewaysTable(db);
    this.metersTable = new MetersTable(db);
    this.rawTable = new RawTelegramsTable(db);
    this.readingsTable = new ReadingsTable(db);
    this.keysTable = new MeterKeysTable(db);
    this.formatsTable = new CompactFormatsTable(db);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.countStatement = db.prepare(`SELECT
      (SELECT count(*) FROM gateways) AS gateways,
      (SELECT count(*) FROM meters) AS meters,
      (SELECT count(*) FROM raw_telegrams) AS rawTelegrams,
      (SELECT count(*) FROM readings) AS readings,
      (SELECT count(*) FROM raw_telegrams WHERE decode_status <> 'ok') AS undecoded`);
  }

  static open(path: string, options: OpenDatabaseOptions = {}): SqliteRepository {
    return new SqliteRepository(openDatabase(path, options));
  }

  /**
   * Runs fn in a write transaction (BEGIN IMMEDIATE; nested calls are savepoints). The outermost one tells
   * the readings table's in-memory dedupe index whether another connection wrote meanwhile; any failure
   * makes the index start over, since what fn added to it was rolled back.
   */
  transaction<T>(fn: () => T): T {
    const outermost = this.transactionDepth === 0;
    this.transactionDepth++;
    let failed = false;
    try {
      return this.db.transaction(() => {
        if (outermost) {
          const dataVersion = this.dataVersion.get()!;
          this.readingsTable.beginWrite(dataVersion);
          this.metersTable.beginWrite(dataVersion);
        }
        return fn();
      }).immediate();
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      this.transactionDepth--;
      if (outermost) {
        this.readingsTable.endWrite(failed);
        this.metersTable.endWrite(failed);
      } else if (failed) {
        this.readingsTable.recent.clear();
        this.metersTable.forget();
      }
    }
  }

  setRecordsSource(source: RecordsSource): void {
    this.readingsTable.setRecordsSource(source);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  touchGateway(gatewayId: string, seenAt: number): void {
    this.gatewaysTable.touchGateway(gatewayId, seenAt);
  }
  setGatewayConnState(gatewayId: string, state: ConnState, at: number): void {
    this.gatewaysTable.setConnState(gatewayId, state, at);
  }
  setGatewayStats(gatewayId: string, stats: unknown, at: number): void {
    this.gatewaysTable.setStats(gatewayId, stats, at);
  }
  setGatewayName(gatewayId: string, name: string | null): void {
    this.gatewaysTable.setName(gatewayId, name);
  }
  gateway(gatewayId: string): GatewayRecord | undefined {
    return this.gatewaysTable.get(gatewayId);
  }
  gateways(): GatewayRecord[] {
    return this.gatewaysTable.list();
  }

  upsertMeter(meter: MeterIdentity, seen: { first: number; last: number }, driver: string | null, kind: string | null): number {
    return this.metersTable.upsertMeter(meter, seen, driver, kind);
  }
  noteMeterAtGateway(meter: number, gatewayId: string, rssiDbm: number | null, seenAt: number): void {
    this.metersTable.noteAtGateway(meter, gatewayId, rssiDbm, seenAt);
  }
  meter(address: MeterAddress): MeterRecord | undefined {
    return this.metersTable.get(address);
  }
  meters(): MeterRecord[] {
    return this.metersTable.list();
  }

  hasRawTelegram(gatewayId: string, seq: number): boolean {
    return this.rawTable.has(gatewayId, seq);
  }
  storedSeqs(gatewayId: string, seqs: readonly number[]): Set<number> {
    return this.rawTable.storedSeqs(gatewayId, seqs);
  }
  insertRawTelegram(row: NewRawTelegram): number {
    return this.rawTable.add(row);
  }
  findReadingNear(meter: number, dedupeKey: Uint8Array, receivedAt: number, windowMs: number): number | undefined {
    return this.readingsTable.findNear(meter, dedupeKey, receivedAt, windowMs);
  }
  insertReading(row: NewReading): number {
    return this.readingsTable.add(row);
  }
  lowerReadingReceivedAt(reading: number, receivedAt: number, meter: number): void {
    this.readingsTable.lowerReceivedAt(reading, receivedAt, meter);
  }
  markRawDecoded(rawId: number, reading: number): void {
    this.rawTable.markDecoded(rawId, reading);
  }
  markRawFailed(rawId: number, decodeStatus: string): void {
    this.rawTable.markFailed(rawId, decodeStatus);
  }
  undecodedTelegrams(meter: MeterAddress, afterId: number, limit: number): UndecodedTelegram[] {
    return this.rawTable.undecodedOf(meter, afterId, limit);
  }
  rawTelegram(id: number): RawTelegramRecord | undefined {
    return this.rawTable.get(id);
  }
  rawTelegramsOfReading(readingId: number): RawTelegramRecord[] {
    return this.rawTable.ofReadingId(readingId);
  }
  reading(id: number): ReadingRecord | undefined {
    return this.readingsTable.get(id);
  }
  readings(query: ReadingsQuery): Page<ReadingRecord> {
    return this.readingsTable.list(query);
  }
  latestReadings(): ReadingRecord[] {
    return this.readingsTable.latestPerMeter();
  }
  counts(): { gateways: number; meters: number; rawTelegrams: number; readings: number; undecoded: number } {
    return { ...this.countStatement.get()! };
  }

  putMeterKey(meter: MeterAddress, key: Uint8Array, at: number): void {
    assertMeterAddress(meter);
    if (!(key instanceof Uint8Array) || (key.length !== 16 && key.length !== 8)) {
      // The length only: key bytes never go into a message.
      throw new StoreError('STORE_KEY_INVALID', key instanceof Uint8Array ? `${key.length} bytes` : typeof key);
    }
    this.keysTable.putKey(meter, key, at);
  }
  meterKeys(): { meter: MeterAddress; key: Uint8Array }[] {
    return this.keysTable.list();
  }
  meterKeysVersion(): number {
    return this.keysTable.version();
  }
  saveCompactFormats(formats: readonly CompactFormat[], at: number): number {
    return this.formatsTable.save(formats, at);
  }
  compactFormats(): CompactFormat[] {
    return this.formatsTable.list();
  }
}
