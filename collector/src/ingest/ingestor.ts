/**
 * The collector's ingest: uplink batches, gateway status and stats, into the repository.
 *
 * Every method is synchronous and returns only after its transaction committed, so a caller that sends
 * the PUBACK afterwards keeps "PUBACK means stored". Invalid input throws IngestError and stores nothing;
 * a storage failure throws what SQLite threw (no PUBACK, the gateway retries).
 */
import { type StatsPayload, type StatusPayload, type TopicKind, type UplinkBatch } from '@wmbus/protocol';
import type { CollectorRepository, CompactFormat, MeterAddress, MeterIdentity } from '../store/index.js';
import { assertMeterAddress } from '../store/index.js';
import { attachReading } from './attach-reading.js';
import { CollectorDecoder, type CollectorDecoderOptions, type DecodeOutcome } from './collector-decoder.js';
import { IngestError } from './errors.js';
import { assertGatewayId, readBytes, readValue } from './read-payload.js';
import { linkIdentity } from './link-identity.js';
import { MeterSightings } from './meter-sightings.js';
import { meterIdentity, prepareBatch, type PreparedTelegram } from './prepare.js';

export interface IngestorOptions extends CollectorDecoderOptions {
  /** Receptions of one transmission within ±windowMs (gateway receivedAt) are one reading. Default 60 s. */
  dedupeWindowMs?: number;
  /** Raw telegrams re-decoded per transaction when a key arrives. Default 500. */
  redecodeBatchSize?: number;
  /** Collector clock (tests pin it). */
  now?: () => number;
}

export interface IngestResult {
  telegrams: number;
  /** Raw telegrams newly stored. */
  stored: number;
  /** (gatewayId, seq) already stored: a replay, nothing changed for them. */
  duplicates: number;
  readingsCreated: number;
  /** Telegrams that joined an existing reading (another gateway, or a repeat within the window). */
  readingsJoined: number;
  /** Stored raw only, by decoding error code. */
  undecoded: Record<string, number>;
}

export interface RedecodeResult {
  examined: number;
  decoded: number;
  readingsCreated: number;
  readingsJoined: number;
  /** How many stayed undecoded (the sum of stillUndecoded). */
  failed: number;
  stillUndecoded: Record<string, number>;
}

/** What a decoder in another thread must follow (see decode-thread-client.ts). */
export interface DecoderStateListener {
  /** A key was set; `keyEpoch` is the Ingestor's count of key changes after this one. */
  key(meter: MeterAddress, key: Uint8Array, keyEpoch: number): void;
  /** Compact formats learned here (from a re-decode) and now stored. */
  formats(formats: readonly CompactFormat[]): void;
}

/** A gateway message as the broker hands it over (structurally GatewayMessage of src/broker). */
export interface IncomingMessage {
  gatewayId: string;
  kind: TopicKind;
  payload: Uint8Array;
  isWill?: boolean;
}

const count = (into: Record<string, number>, code: string): void => {
  into[code] = (into[code] ?? 0) + 1;
};

export class Ingestor {
  readonly repo: CollectorRepository;
  readonly decoder: CollectorDecoder;
  private readonly windowMs: number;
  private readonly redecodeBatchSize: number;
  private readonly now: () => number;
  private readonly listeners = new Set<DecoderStateListener>();
  /** Key changes so far: a batch decoded elsewhere with an older epoch is decoded again here. */
  keyEpoch = 0;
  /** The store's key change counter when the keys were last read (another instance may add keys). */
  private keysVersion: number;

  constructor(repo: CollectorRepository, options: IngestorOptions = {}) {
    this.repo = repo;
    this.decoder = new CollectorDecoder(options);
    this.windowMs = options.dedupeWindowMs ?? 60_000;
    this.redecodeBatchSize = options.redecodeBatchSize ?? 500;
    this.now = options.now ?? Date.now;
    this.keysVersion = repo.meterKeysVersion();
    for (const { meter, key } of repo.meterKeys()) this.decoder.setKey(meter, key);
    this.decoder.loadCompactFormats(repo.compactFormats());
    // Readings are stored without their records; reading them decodes the raw telegram with this decoder.
    repo.setRecordsSource((raw) => this.decoder.records(raw, linkIdentity(raw).address));
  }

  /** Validates `batch` against the contract, then stores it (see storeBatch). */
  ingestBatch(gatewayId: string, batch: unknown): IngestResult {
    assertGatewayId(gatewayId);
    return this.storeBatch(gatewayId, readValue('up', batch));
  }

  /** Dispatches a broker message by topic kind; CBOR, or the JSON debug form when it starts with '{'. */
  handleMessage(message: IncomingMessage): IngestResult | undefined {
    assertGatewayId(message.gatewayId);
    const { kind, payload } = message;
    if (kind !== 'up' && kind !== 'status' && kind !== 'stats') {
      throw new IngestError('INGEST_KIND', kind);
    }
    if (kind === 'up') return this.storeBatch(message.gatewayId, readBytes('up', payload));
    if (kind === 'status') this.storeStatus(message.gatewayId, readBytes('status', payload), message.isWill ?? false);
    else this.storeStats(message.gatewayId, readBytes('stats', payload));
    return undefined;
  }

  /** Follows key and compact-format changes (a decoder in another thread); returns the unsubscribe. */
  watchDecoderState(listener: DecoderStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decodes and validates an uplink message without storing it (the IngestQueue stores it later). */
  readBatch(message: IncomingMessage): UplinkBatch {
    assertGatewayId(message.gatewayId);
    if (message.kind !== 'up') throw new IngestError('INGEST_KIND', message.kind);
    return readBytes('up', message.payload);
  }

  ingestStatus(gatewayId: string, status: unknown, options: { isWill?: boolean } = {}): void {
    assertGatewayId(gatewayId);
    this.storeStatus(gatewayId, readValue('status', status), options.isWill ?? false);
  }

  ingestStats(gatewayId: string, stats: unknown): void {
    assertGatewayId(gatewayId);
    this.storeStats(gatewayId, readValue('stats', stats));
  }

  /**
   * Stores a validated batch in one transaction. Decoding runs before the transaction opens, so the
   * write lock is held only for the inserts.
   */
  storeBatch(gatewayId: string, batch: UplinkBatch): IngestResult {
    return this.storeBatches([{ gatewayId, batch }])[0]!;
  }

  /**
   * Stores several validated batches (e.g. of several gateways, see IngestQueue) in ONE transaction:
   * one commit, one fsync for all of them. Either all are stored or none.
   */
  storeBatches(items: readonly { gatewayId: string; batch: UplinkBatch }[]): IngestResult[] {
    return this.storePrepared(items.map(({ gatewayId, batch }) => ({ gatewayId, telegrams: this.prepare(batch) })));
  }

  /** Link identity and decoding of a batch's telegrams on this thread (prepare.ts). */
  prepare(batch: UplinkBatch): PreparedTelegram[] {
    return prepareBatch(this.decoder, batch);
  }

  /**
   * Stores batches prepared on this thread or in the decode thread, in ONE transaction. Compact formats
   * the decode thread learned must have been handed to this decoder first (learnCompactFormats), so they
   * are stored in the same transaction.
   */
  storePrepared(prepared: readonly { gatewayId: string; telegrams: readonly PreparedTelegram[] }[]): IngestResult[] {
    const newKeys = this.keysFromOtherWriters();
    const results = this.storeWithoutKeyCheck(prepared);
    // What this instance stored raw for these meters, in this batch or before, decodes now.
    for (const meter of newKeys) this.redecodeMeter(meter);
    return results;
  }

  /**
   * Keys another collector instance on the same store added or replaced since this one last looked: taken
   * into this decoder (and the decode thread). Returns their meters. One indexed read when nothing moved.
   */
  private keysFromOtherWriters(): MeterAddress[] {
    const version = this.repo.meterKeysVersion();
    if (version === this.keysVersion) return [];
    this.keysVersion = version;
    const changed: MeterAddress[] = [];
    for (const { meter, key } of this.repo.meterKeys()) {
      if (this.decoder.hasKey(meter, key)) continue;
      this.takeKey(meter, key);
      changed.push(meter);
    }
    return changed;
  }

  private takeKey(meter: MeterAddress, key: Uint8Array): void {
    this.decoder.setKey(meter, key);
    this.keyEpoch++;
    for (const l of this.listeners) l.key(meter, key, this.keyEpoch);
  }

  private storeWithoutKeyCheck(prepared: readonly { gatewayId: string; telegrams: readonly PreparedTelegram[] }[]): IngestResult[] {
    const storedAt = this.now();
    const results = prepared.map(
      (p): IngestResult => ({ telegrams: p.telegrams.length, stored: 0, duplicates: 0, readingsCreated: 0, readingsJoined: 0, undecoded: {} }),
    );
    const learned = this.inTransaction(storedAt, () => {
      // Replays (seqs already stored) are left out first; then the meter rows are written once for all the
      // batches of this transaction (not once per batch), and each batch's telegrams after them.
      const fresh = prepared.map((p, i) => this.freshTelegrams(p.gatewayId, p.telegrams, results[i]!, storedAt));
      const sightings = new MeterSightings();
      prepared.forEach((p, i) => {
        for (const { t, identity, outcome } of fresh[i]!) {
          if (identity) sightings.add(identity, t.receivedAt, p.gatewayId, t.rssiDbm, outcome.ok ? outcome.driver : null, outcome.ok ? outcome.kind : null);
        }
      });
      const meters = sightings.write(this.repo);
      prepared.forEach((p, i) => this.writeBatch(p.gatewayId, fresh[i]!, meters, results[i]!, storedAt));
    });
    if (learned > 0) this.redecodeAfterLearning(prepared.flatMap((p) => p.telegrams));
    return results;
  }

  /**
   * A full frame just taught a compact format (rare: once per meter model), so compact frames of these
   * meters that were stored raw (COMPACT_FORMAT_UNKNOWN) can be decoded now (radio.md § 9).
   */
  private redecodeAfterLearning(telegrams: readonly PreparedTelegram[]): void {
    const meters = new Map<string, MeterAddress>();
    for (const { link, outcome } of telegrams) if (outcome.ok && link.address) meters.set(MeterSightings.key(link.address), link.address);
    for (const meter of meters.values()) this.redecodeMeter(meter);
  }

  /**
   * Runs `write` in one transaction together with the compact formats the decoder learned meanwhile;
   * returns how many were learned.
   */
  private inTransaction(storedAt: number, write: () => void): number {
    let formats: CompactFormat[] = [];
    try {
      this.repo.transaction(() => {
        write();
        formats = this.decoder.takeNewCompactFormats();
        if (formats.length) this.repo.saveCompactFormats(formats, storedAt);
      });
    } catch (e) {
      this.decoder.returnCompactFormats(formats);
      throw e;
    }
    if (formats.length) for (const l of this.listeners) l.formats(formats);
    return formats.length;
  }

  /** The batch's telegrams whose (gateway, seq) is not stored yet; counts the others as duplicates. */
  private freshTelegrams(gatewayId: string, prepared: readonly PreparedTelegram[], result: IngestResult, storedAt: number): readonly PreparedTelegram[] {
    this.repo.touchGateway(gatewayId, storedAt); // the gateway row first: meter sightings refer to it
    const stored = this.repo.storedSeqs(gatewayId, prepared.map(({ t }) => t.seq));
    const fresh = stored.size === 0 ? prepared : prepared.filter(({ t }) => !stored.has(t.seq));
    result.duplicates = prepared.length - fresh.length;
    return fresh;
  }

  /** Stores `fresh` (see freshTelegrams); `meters` maps MeterSightings.key to meter rows already written. */
  private writeBatch(gatewayId: string, fresh: readonly PreparedTelegram[], meters: Map<string, number>, result: IngestResult, storedAt: number): void {
    const seqs = new Set<number>();
    for (const { t, link, identity, outcome } of fresh) {
      // The same seq twice in one batch is a replay within the batch.
      if (seqs.has(t.seq)) {
        result.duplicates++;
        continue;
      }
      seqs.add(t.seq);
      const meter = identity ? meters.get(MeterSightings.key(identity))! : null;
      let reading: number | null = null;
      if (outcome.ok && meter !== null) {
        const attached = attachReading(this.repo, outcome, meter, link.dedupeKey, t.receivedAt, storedAt, this.windowMs);
        reading = attached.reading;
        if (attached.created) result.readingsCreated++;
        else result.readingsJoined++;
      } else {
        count(result.undecoded, outcome.ok ? 'METER_UNKNOWN' : outcome.code);
      }
      this.repo.insertRawTelegram({
        gatewayId,
        seq: t.seq,
        receivedAt: t.receivedAt,
        storedAt,
        stickId: t.stickId,
        raw: t.raw,
        rssiDbm: t.rssiDbm,
        linkMode: t.linkMode,
        frameFormat: t.frameFormat,
        meter,
        dedupeKey: link.dedupeKey,
        decodeStatus: reading !== null ? 'ok' : outcome.ok ? 'METER_UNKNOWN' : outcome.code,
        agentError: t.agentError,
        reading,
      });
      result.stored++;
    }
  }

  /**
   * Stores the key and re-decodes the meter's raw telegrams that could not be decoded, in transactions of
   * redecodeBatchSize; each becomes a reading (or joins the reading another gateway's copy produced).
   */
  addMeterKey(meter: MeterAddress, key: Uint8Array): RedecodeResult {
    assertMeterAddress(meter);
    const at = this.now();
    this.repo.transaction(() => this.repo.putMeterKey(meter, key, at));
    this.takeKey(meter, key);
    return this.redecodeMeter(meter);
  }

  /** Decodes again what is stored raw for this meter (after a key, a driver or a compact format arrived). */
  redecodeMeter(meter: MeterAddress): RedecodeResult {
    const result: RedecodeResult = { examined: 0, decoded: 0, readingsCreated: 0, readingsJoined: 0, failed: 0, stillUndecoded: {} };
    let afterId = 0;
    for (;;) {
      const rows = this.repo.undecodedTelegrams(meter, afterId, this.redecodeBatchSize);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      const storedAt = this.now();
      const prepared = rows.map((row) => {
        const link = linkIdentity(row.raw);
        return { row, link, outcome: this.decoder.decode(row.raw, link.address) };
      });
      this.inTransaction(storedAt, () => {
        const sightings = new MeterSightings();
        for (const { row, link, outcome } of prepared) {
          result.examined++;
          if (!outcome.ok) {
            result.failed++;
            count(result.stillUndecoded, outcome.code);
            this.repo.markRawFailed(row.id, outcome.code);
            continue;
          }
          const identity = meterIdentity(link, outcome);
          if (identity) sightings.add(identity, row.receivedAt, null, null, outcome.driver, outcome.kind);
          const attached = attachReading(this.repo, outcome, row.meter, row.dedupeKey, row.receivedAt, storedAt, this.windowMs);
          this.repo.markRawDecoded(row.id, attached.reading);
          result.decoded++;
          if (attached.created) result.readingsCreated++;
          else result.readingsJoined++;
        }
        sightings.write(this.repo); // driver and kind, now that the meter decodes
      });
    }
    return result;
  }

  private storeStatus(gatewayId: string, status: StatusPayload, isWill: boolean): void {
    const at = this.now();
    // A will is published by the broker when the connection is lost; its ts is from when the gateway
    // connected, so the collector's clock says when it went offline.
    this.repo.transaction(() => {
      this.repo.touchGateway(gatewayId, at);
      this.repo.setGatewayConnState(gatewayId, status.state, isWill ? at : status.ts);
    });
  }

  private storeStats(gatewayId: string, stats: StatsPayload): void {
    const at = this.now();
    this.repo.transaction(() => {
      this.repo.touchGateway(gatewayId, at);
      this.repo.setGatewayStats(gatewayId, stats, stats.ts);
    });
  }
}
