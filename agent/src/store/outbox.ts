import type { Database, Statement } from 'better-sqlite3';
import { OutboxError, isOutboxError } from './errors.js';
import { migrate } from './migrations.js';
import { openOutboxDatabase } from './open-database.js';
import { copyDecoded, toBufferedEntry, validateDecodeStatus, type BufferedEntry, type OutboxEntry, type OutboxRow } from './outbox-entry.js';
import { Pruner, SENT_DROP_REASONS, UNSENT_DROP_REASONS, type PruneStep, type SentDropReason, type UnsentDropReason } from './prune.js';

export type { OutboxEntry, OutboxRow } from './outbox-entry.js';

/*
 * Sizing (the defaults below): 1,000 meters, each heard once every 2-4 minutes counting repeats.
 * Worst case 2 min: 1,000 × 720/day = 720,000 telegrams/day (≈ 8.3/s), 21.6 million in 30 days.
 * scripts/bench-outbox.ts measures 270 bytes of database per telegram with the public bench mix
 * (raw ≈ 76 bytes) and a 115-byte CBOR reading view as the decoded BLOB (182 bytes with no decoded
 * form; 1,040 with every DIF/VIF record in the BLOB — too heavy for 30 days on a Pi).
 * 30 days worst case: 21.6 M × 270 B ≈ 5.8 GB (5.4 GiB). DEFAULT_MAX_BYTES = 6 GiB holds ≈ 23.9 M
 * telegrams: 33 days at one per 2 min, 66 days at one per 4 min; the WAL adds at most 64 MiB.
 * maxAgeMs (40 days) bounds unsent rows when the rate is lower; delivered rows are kept 7 days
 * (maxSentAgeMs) for diagnostics and re-delivery and are the first to go when space runs out.
 * At 8.3 telegrams/s and one commit per second the SD card sees ≈ 1 fsync per second, not 8.
 */
export const DEFAULT_MAX_BYTES = 6 * 1024 ** 3;
export const DEFAULT_MAX_AGE_MS = 40 * 24 * 3600 * 1000;
export const DEFAULT_MAX_SENT_AGE_MS = 7 * 24 * 3600 * 1000;

export interface OutboxOptions {
  /** SQLite file; its directory is created 0700, the file 0600. */
  path: string;
  /** The gateway whose sequence this file holds; a file of another gateway is refused. */
  gatewayId: string;
  /** Longest time an enqueued telegram waits in memory before its commit. Default 1000. */
  commitIntervalMs?: number;
  /** Commit as soon as this many telegrams wait. Default 1000. */
  maxBufferedRows?: number;
  /** While commits fail, keep at most this many telegrams in memory, then refuse with OUTBOX_BACKLOG_FULL. */
  maxBacklogRows?: number;
  /**
   * Acks and re-decoded rows waiting for their commit: at this many the commit runs at once (a fast broker
   * acks a backlog far quicker than one interval; a key re-decodes days of a meter's telegrams in one go).
   * While commits fail no more rows are claimed, and re-decodes are refused at twice this many, so what is
   * held in memory stays bounded. Default 5000.
   */
  maxPendingUpdates?: number;
  /** Limits; null switches one off. */
  maxBytes?: number | null;
  maxRows?: number | null;
  maxAgeMs?: number | null;
  maxSentAgeMs?: number | null;
  /** Most rows one prune step deletes (inside a commit). Default 5000. */
  pruneStepRows?: number;
  /** Sequence numbers are reserved durably this many ahead (see reserveSequence). Default 10000. */
  seqReserveBlock?: number;
  /** How often limits are checked when no telegram arrives. Default 60 s. */
  maintenanceIntervalMs?: number;
  /** Clock (ms since the epoch); tests of ages pass their own. */
  now?: () => number;
  /** Told about commits that failed in the background (the batch stays buffered and is retried). */
  onError?: (error: OutboxError) => void;
}

export interface OutboxStats {
  gatewayId: string;
  /** Committed rows, and of them not yet acknowledged by the broker. */
  rows: number;
  unsent: number;
  /** Enqueued, waiting in memory for the next commit. */
  buffered: number;
  inFlight: number;
  lastSeq: number;
  oldestUnsentAgeMs: number | null;
  usedBytes: number;
  /** Since open. */
  commits: number;
  commitFailures: number;
  lastCommitError: string | null;
  telegramsCommitted: number;
  /** Lifetime (persisted) counts of deleted rows by state and reason. */
  dropped: { sent: Record<SentDropReason, number>; unsent: Record<UnsentDropReason, number> };
}

interface Counters {
  rows: number;
  unsent: number;
  [name: string]: number;
}

const sentKey = (r: SentDropReason): string => `dropped_sent_${r}`;
const unsentKey = (r: UnsentDropReason): string => `dropped_unsent_${r}`;
const COUNTER_NAMES = ['rows', 'unsent', ...SENT_DROP_REASONS.map(sentKey), ...UNSENT_DROP_REASONS.map(unsentKey)];

interface DbRow {
  seq: number;
  received_at: number;
  raw: Buffer;
  manufacturer: string | null;
  meter_id: string | null;
  version: number | null;
  device_type: number | null;
  rssi_dbm: number | null;
  link_mode: string | null;
  stick_id: string | null;
  decoded: Buffer | null;
  decode_status: string;
  sent_at: number | null;
}

const ROW_COLUMNS = 'seq, received_at, raw, manufacturer, meter_id, version, device_type, rssi_dbm, link_mode, stick_id, decoded, decode_status, sent_at';
const CLAIM_PAGE = 256;

/**
 * Acks in runs of consecutive seqs with one sent time, each marked by one UPDATE: an uplink batch is a run
 * of seqs acknowledged at once, and one statement a row cost ~4 µs a telegram of the backlog drain.
 */
function* ackRuns(acks: readonly (readonly [number, number])[]): Generator<{ first: number; last: number; sentAt: number }> {
  let run: { first: number; last: number; sentAt: number } | undefined;
  for (const [seq, sentAt] of acks) {
    if (run && seq === run.last + 1 && sentAt === run.sentAt) {
      run.last = seq;
      continue;
    }
    if (run) yield run;
    run = { first: seq, last: seq, sentAt };
  }
  if (run) yield run;
}

const toRow = (r: DbRow): OutboxRow => ({
  seq: r.seq,
  receivedAt: r.received_at,
  raw: new Uint8Array(r.raw),
  manufacturer: r.manufacturer,
  meterId: r.meter_id,
  version: r.version,
  deviceType: r.device_type,
  rssiDbm: r.rssi_dbm,
  linkMode: r.link_mode,
  stickId: r.stick_id,
  decoded: r.decoded === null ? null : new Uint8Array(r.decoded),
  decodeStatus: r.decode_status,
  sentAt: r.sent_at,
});

/** A row of `SELECT ${ROW_COLUMNS}` in raw (array) mode, in that column order. */
type DbRowArray = [number, number, Buffer, string | null, string | null, number | null, number | null, number | null, string | null, string | null, Buffer | null, string, number | null];

/**
 * A claimed row as the uplink sends it (Outbox.claimUplinkBatch), in this column order: the fields of the
 * `up` payload only, and raw as uppercase hex. better-sqlite3 makes a Buffer for every BLOB it returns, and
 * that allocation was the largest part of a claimed row (selecting only raw from the 1M-row e2e backlog:
 * 1.6 µs a row as a Buffer, 1.0 µs as hex); the uplink writes the hex straight into the payload.
 */
export type UplinkRow = readonly [
  seq: number,
  receivedAt: number,
  rawHex: string,
  rssiDbm: number | null,
  linkMode: string | null,
  stickId: string | null,
  decoded: Buffer | null,
  decodeStatus: string,
];
const UPLINK_COLUMNS = 'seq, received_at, hex(raw), rssi_dbm, link_mode, stick_id, decoded, decode_status';

/**
 * The uplink's claim reads every row it sends; better-sqlite3 makes a row as an array in about half the time
 * of a row object (2.7 against 4.7 µs for these 13 columns, measured on 200k rows), so that path reads arrays.
 */
const arrayToRow = (r: DbRowArray): OutboxRow => ({
  seq: r[0],
  receivedAt: r[1],
  raw: new Uint8Array(r[2]),
  manufacturer: r[3],
  meterId: r[4],
  version: r[5],
  deviceType: r[6],
  rssiDbm: r[7],
  linkMode: r[8],
  stickId: r[9],
  decoded: r[10] === null ? null : new Uint8Array(r[10]),
  decodeStatus: r[11],
  sentAt: r[12],
});

const bufferedToRow = (e: BufferedEntry): OutboxRow => ({
  ...e,
  raw: new Uint8Array(e.raw),
  decoded: e.decoded === null ? null : new Uint8Array(e.decoded),
  sentAt: null,
});

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new OutboxError('OUTBOX_OPTIONS', `${name} must be a positive integer`);
  return value;
}

function optionalLimit(value: number | null | undefined, fallback: number | null, name: string): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  return positiveInt(value, 0, name);
}

/**
 * Crash-safe store-and-forward queue of heard telegrams (one SQLite file per gateway).
 *
 * enqueue() only buffers in memory and hands out the telegram's sequence number; the buffer is
 * committed in one transaction (one fsync) at the latest commitIntervalMs after its first entry, or
 * at once when maxBufferedRows wait. A telegram is therefore durable at most one commit interval
 * after enqueue() returned. Acks and re-decodes ride along in the same group commit.
 *
 * Everything is synchronous (better-sqlite3); timers only decide when to commit.
 */
export class Outbox {
  readonly gatewayId: string;
  private readonly db: Database;
  private readonly pruner: Pruner;
  private readonly now: () => number;
  private readonly commitIntervalMs: number;
  private readonly maxBufferedRows: number;
  private readonly maxBacklogRows: number;
  private readonly maxPendingUpdates: number;
  private readonly pruneStepRows: number;
  private readonly seqReserveBlock: number;
  private readonly onError: ((error: OutboxError) => void) | undefined;

  private counters: Counters;
  private nextSeq: number;
  private reservedThrough: number;
  private buffer: BufferedEntry[] = [];
  private readonly pendingAcks = new Map<number, number>(); // seq → sent_at
  private readonly pendingDecodes = new Map<number, { decoded: Buffer | null; status: string }>();
  private readonly inFlight = new Set<number>();
  /** In flight when re-decoded: the broker got the old form, so its ack must not mark the new one sent. */
  private readonly staleInFlight = new Set<number>();
  private claimCursor = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly maintenanceTimer: NodeJS.Timeout;
  private pruneMore = false;
  private closed = false;
  private commits = 0;
  private commitFailures = 0;
  private lastCommitError: string | null = null;
  private telegramsCommitted = 0;
  /** Moving average of how long a commit takes, ms. */
  private commitMsEstimate = 0;

  private readonly insert: Statement;
  private readonly markSentRange: Statement<[number, number, number]>;
  private readonly setDecoded: Statement<[Buffer | null, string, number]>;
  private readonly sentAtOf: Statement<[number], { sent_at: number | null }>;
  private readonly unsentAfter: Statement<[number, number], DbRowArray>;
  private readonly unsentForUplink: Statement<[number, number], UplinkRow>;
  private readonly needingDecode: Statement<[string, number, number], DbRow>;
  private readonly oldestUnsent: Statement<[], { received_at: number }>;
  private readonly saveCounter: Statement<[number, string]>;
  private readonly saveReservation: Statement<[number, string]>;

  static open(options: OutboxOptions): Outbox {
    if (typeof options?.path !== 'string' || options.path.length === 0) throw new OutboxError('OUTBOX_OPTIONS', 'path is required');
    if (typeof options.gatewayId !== 'string' || options.gatewayId.length === 0 || options.gatewayId.length > 128) {
      throw new OutboxError('OUTBOX_OPTIONS', 'gatewayId must be a non-empty string');
    }
    const db = openOutboxDatabase(options.path);
    try {
      migrate(db);
      return new Outbox(db, options);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private constructor(db: Database, options: OutboxOptions) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.commitIntervalMs = positiveInt(options.commitIntervalMs, 1000, 'commitIntervalMs');
    this.maxBufferedRows = positiveInt(options.maxBufferedRows, 1000, 'maxBufferedRows');
    this.maxPendingUpdates = positiveInt(options.maxPendingUpdates, 5000, 'maxPendingUpdates');
    this.maxBacklogRows = positiveInt(options.maxBacklogRows, 100_000, 'maxBacklogRows');
    this.pruneStepRows = positiveInt(options.pruneStepRows, 5000, 'pruneStepRows');
    this.seqReserveBlock = positiveInt(options.seqReserveBlock, 10_000, 'seqReserveBlock');
    if (this.maxBacklogRows < this.maxBufferedRows) throw new OutboxError('OUTBOX_OPTIONS', 'maxBacklogRows must be ≥ maxBufferedRows');
    this.onError = options.onError;
    this.pruner = new Pruner(db, {
      maxBytes: optionalLimit(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes'),
      maxRows: optionalLimit(options.maxRows, null, 'maxRows'),
      maxAgeMs: optionalLimit(options.maxAgeMs, DEFAULT_MAX_AGE_MS, 'maxAgeMs'),
      maxSentAgeMs: optionalLimit(options.maxSentAgeMs, DEFAULT_MAX_SENT_AGE_MS, 'maxSentAgeMs'),
    });

    this.insert = db.prepare(
      `INSERT INTO outbox (seq, received_at, raw, manufacturer, meter_id, version, device_type, rssi_dbm, link_mode, stick_id, decoded, decode_status)
       VALUES (@seq, @receivedAt, @raw, @manufacturer, @meterId, @version, @deviceType, @rssiDbm, @linkMode, @stickId, @decoded, @decodeStatus)`,
    );
    this.markSentRange = db.prepare('UPDATE outbox SET sent_at = ? WHERE seq BETWEEN ? AND ? AND sent_at IS NULL');
    this.setDecoded = db.prepare('UPDATE outbox SET decoded = ?, decode_status = ?, sent_at = NULL WHERE seq = ?');
    this.sentAtOf = db.prepare('SELECT sent_at FROM outbox WHERE seq = ?');
    this.unsentAfter = db.prepare<[number, number], DbRowArray>(`SELECT ${ROW_COLUMNS} FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`).raw(true);
    this.unsentForUplink = db.prepare<[number, number], UplinkRow>(`SELECT ${UPLINK_COLUMNS} FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`).raw(true);
    this.needingDecode = db.prepare(`SELECT ${ROW_COLUMNS} FROM outbox WHERE decode_status = ? AND seq > ? ORDER BY seq LIMIT ?`);
    this.oldestUnsent = db.prepare('SELECT received_at FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT 1');
    this.saveCounter = db.prepare('UPDATE outbox_counters SET value = ? WHERE name = ?');
    this.saveReservation = db.prepare('UPDATE outbox_sequence SET reserved_through = ? WHERE gateway_id = ?');

    const gatewayId = options.gatewayId;
    const opened = db.transaction(() => {
      const owners = db.prepare('SELECT gateway_id, reserved_through FROM outbox_sequence').all() as { gateway_id: string; reserved_through: number }[];
      const other = owners.find((o) => o.gateway_id !== gatewayId);
      if (other) throw new OutboxError('OUTBOX_GATEWAY_MISMATCH', `file holds ${other.gateway_id}, opened as ${gatewayId}`);
      const insertCounter = db.prepare('INSERT OR IGNORE INTO outbox_counters (name, value) VALUES (?, 0)');
      for (const name of COUNTER_NAMES) insertCounter.run(name);
      const counters = Object.fromEntries(
        (db.prepare('SELECT name, value FROM outbox_counters').all() as { name: string; value: number }[]).map((c) => [c.name, c.value]),
      ) as Counters;
      // Continue above everything that may have been handed out before: the reservation covers seqs
      // given to callers whose telegrams died in the buffer; max(seq) guards a hand-edited file.
      const maxSeq = (db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number | null) ?? 0;
      const nextSeq = Math.max(owners[0]?.reserved_through ?? 0, maxSeq) + 1;
      const reservedThrough = nextSeq - 1 + this.seqReserveBlock;
      db.prepare('INSERT INTO outbox_sequence (gateway_id, reserved_through) VALUES (?, ?) ON CONFLICT (gateway_id) DO UPDATE SET reserved_through = excluded.reserved_through').run(
        gatewayId,
        reservedThrough,
      );
      return { counters, nextSeq, reservedThrough };
    }).immediate();
    this.gatewayId = gatewayId;
    this.counters = opened.counters;
    this.nextSeq = opened.nextSeq;
    this.reservedThrough = opened.reservedThrough;

    const maintenanceMs = positiveInt(options.maintenanceIntervalMs, 60_000, 'maintenanceIntervalMs');
    this.maintenanceTimer = setInterval(() => this.backgroundCommit(true), maintenanceMs);
    this.maintenanceTimer.unref();
  }

  /**
   * Buffers one telegram and returns its sequence number. Throws only for bad input (coded), a
   * closed outbox, or a full backlog after commits kept failing; never for a failing disk.
   */
  enqueue(entry: OutboxEntry): number {
    this.assertOpen();
    if (this.buffer.length >= this.maxBacklogRows) {
      throw new OutboxError('OUTBOX_BACKLOG_FULL', `${this.buffer.length} telegrams wait; last error: ${this.lastCommitError ?? 'none'}`);
    }
    const buffered = toBufferedEntry(entry, this.nextSeq, this.now());
    this.nextSeq++;
    this.buffer.push(buffered);
    // A seq beyond the durable reservation must be reserved before a crash could make it reused.
    if (this.buffer.length >= this.maxBufferedRows || this.nextSeq - 1 > this.reservedThrough) this.backgroundCommit(false);
    else this.scheduleCommit();
    return buffered.seq;
  }

  /** Commits everything waiting now. Throws OUTBOX_STORAGE if SQLite fails (nothing is lost: it stays buffered). */
  flush(): void {
    this.assertOpen();
    this.commit(false);
  }

  /** Flushes, then closes the file. If the flush fails the outbox stays open so the caller can retry. */
  close(): void {
    if (this.closed) return;
    this.commit(false, true);
    this.closed = true;
    this.clearTimer('commitTimer');
    this.clearTimer('pruneTimer');
    clearInterval(this.maintenanceTimer);
    this.db.close();
  }

  /**
   * Oldest committed unsent rows in seq order that are not in flight: at most maxRows, and at most
   * maxBytes of raw + decoded (the first row is returned even when larger, so nothing can stick).
   * The rows are in flight until ackSent() or releaseInFlight().
   */
  claimBatch(maxRows: number, maxBytes: number): OutboxRow[] {
    return this.claim(this.unsentAfter, maxRows, maxBytes, (r) => r[2].length + (r[10]?.length ?? 0), arrayToRow);
  }

  /** claimBatch for the uplink: the same rows, in flight the same way, as UplinkRow (what the payload carries). */
  claimUplinkBatch(maxRows: number, maxBytes: number): UplinkRow[] {
    return this.claim(this.unsentForUplink, maxRows, maxBytes, (r) => r[2].length / 2 + (r[6]?.length ?? 0), (r) => r);
  }

  private claim<R extends readonly [number, ...unknown[]], T>(
    statement: Statement<[number, number], R>,
    maxRows: number,
    maxBytes: number,
    sizeOf: (r: R) => number,
    toResult: (r: R) => T,
  ): T[] {
    this.assertOpen();
    if (!Number.isSafeInteger(maxRows) || maxRows <= 0 || !(maxBytes > 0)) throw new OutboxError('OUTBOX_OPTIONS', 'claimBatch needs maxRows ≥ 1 and maxBytes > 0');
    // Acks that cannot be committed (the disk refuses writes) would otherwise pile up with every batch sent.
    if (this.pendingUpdates() >= this.maxPendingUpdates) return [];
    const claimed: T[] = [];
    let bytes = 0;
    let cursor = this.claimCursor;
    for (;;) {
      const page = statement.all(cursor, CLAIM_PAGE);
      for (const r of page) {
        const seq = r[0];
        if (this.inFlight.has(seq) || this.pendingAcks.has(seq) || this.pendingDecodes.has(seq)) {
          cursor = seq;
          continue;
        }
        const size = sizeOf(r);
        if (claimed.length >= maxRows || (claimed.length > 0 && bytes + size > maxBytes)) {
          this.claimCursor = cursor;
          return claimed;
        }
        claimed.push(toResult(r));
        bytes += size;
        this.inFlight.add(seq);
        cursor = seq;
      }
      if (page.length < CLAIM_PAGE) break;
    }
    this.claimCursor = cursor;
    return claimed;
  }

  /**
   * Marks rows delivered: call only after the broker's PUBACK. The marks are committed with the next
   * group commit (a lost mark only means a duplicate the collector drops by seq). Returns how many seqs
   * were taken as delivered (an ack for a row re-decoded while in flight is not: it is sent again).
   */
  ackSent(seqs: Iterable<number>): number {
    this.assertOpen();
    const sentAt = this.now();
    let accepted = 0;
    for (const seq of seqs) {
      this.inFlight.delete(seq);
      if (this.staleInFlight.delete(seq)) continue;
      if (!Number.isSafeInteger(seq) || seq <= 0) continue;
      this.pendingAcks.set(seq, sentAt);
      accepted++;
    }
    if (accepted > 0) this.commitSoon();
    return accepted;
  }

  /** On disconnect: every in-flight row becomes claimable again, oldest first. Returns how many. */
  releaseInFlight(): number {
    const n = this.inFlight.size;
    this.inFlight.clear();
    this.staleInFlight.clear();
    this.claimCursor = 0;
    return n;
  }

  /** Telegrams not yet delivered: committed unsent rows plus those waiting for their commit. */
  pendingCount(): number {
    return this.counters.unsent + this.buffer.length;
  }

  /** Age in ms of the oldest undelivered telegram (by received-at), or null when there is none. */
  oldestUnsentAge(): number | null {
    this.assertOpen();
    const row = this.oldestUnsent.get();
    const oldest = row?.received_at ?? this.buffer[0]?.receivedAt;
    return oldest === undefined ? null : Math.max(0, this.now() - oldest);
  }

  /**
   * Rows stored with this decode status (e.g. 'KEY_MISSING'), oldest first, for re-decoding when a key
   * arrives. Page with afterSeq = the last seq of the previous page.
   */
  rowsNeedingDecode(status: string, options: { afterSeq?: number; limit?: number; manufacturer?: string; meterId?: string } = {}): OutboxRow[] {
    this.assertOpen();
    validateDecodeStatus(status);
    const limit = positiveInt(options.limit, 500, 'limit');
    const matches = (r: OutboxRow): boolean =>
      (options.manufacturer === undefined || r.manufacturer === options.manufacturer) && (options.meterId === undefined || r.meterId === options.meterId);
    const found: OutboxRow[] = [];
    let cursor = options.afterSeq ?? 0;
    for (;;) {
      const page = this.needingDecode.all(status, cursor, CLAIM_PAGE);
      for (const r of page) {
        cursor = r.seq;
        if (this.pendingDecodes.has(r.seq)) continue;
        const row = toRow(r);
        if (matches(row)) found.push(row);
        if (found.length >= limit) return found;
      }
      if (page.length < CLAIM_PAGE) break;
    }
    for (const e of this.buffer) {
      if (e.seq > cursor && e.decodeStatus === status && found.length < limit) {
        const row = bufferedToRow(e);
        if (matches(row)) found.push(row);
      }
    }
    return found;
  }

  /**
   * Stores the decoded form of a row kept raw (with the next group commit). The row becomes unsent
   * again so the uplink delivers the decoded form. Returns false when no such row exists.
   */
  updateDecoded(seq: number, decoded: Uint8Array | null, status: string): boolean {
    this.assertOpen();
    const bytes = copyDecoded(decoded);
    validateDecodeStatus(status);
    const buffered = this.buffer.find((e) => e.seq === seq);
    if (buffered) {
      buffered.decoded = bytes;
      buffered.decodeStatus = status;
      return true;
    }
    if (!Number.isSafeInteger(seq) || this.sentAtOf.get(seq) === undefined) return false;
    if (this.pendingUpdates() >= 2 * this.maxPendingUpdates) {
      throw new OutboxError('OUTBOX_BACKLOG_FULL', `${this.pendingUpdates()} acks and re-decodes wait for a commit that fails`);
    }
    this.pendingDecodes.set(seq, { decoded: bytes, status });
    if (this.inFlight.delete(seq)) this.staleInFlight.add(seq);
    this.commitSoon();
    return true;
  }

  stats(): OutboxStats {
    this.assertOpen();
    const sent = Object.fromEntries(SENT_DROP_REASONS.map((r) => [r, this.counters[sentKey(r)] ?? 0])) as Record<SentDropReason, number>;
    const unsent = Object.fromEntries(UNSENT_DROP_REASONS.map((r) => [r, this.counters[unsentKey(r)] ?? 0])) as Record<UnsentDropReason, number>;
    return {
      gatewayId: this.gatewayId,
      rows: this.counters.rows,
      unsent: this.counters.unsent,
      buffered: this.buffer.length,
      inFlight: this.inFlight.size,
      lastSeq: this.nextSeq - 1,
      oldestUnsentAgeMs: this.oldestUnsentAge(),
      usedBytes: this.pruner.usedBytes(),
      commits: this.commits,
      commitFailures: this.commitFailures,
      lastCommitError: this.lastCommitError,
      telegramsCommitted: this.telegramsCommitted,
      dropped: { sent, unsent },
    };
  }

  // ---- committing ----

  private assertOpen(): void {
    if (this.closed) throw new OutboxError('OUTBOX_CLOSED');
  }

  private pendingUpdates(): number {
    return this.pendingAcks.size + this.pendingDecodes.size;
  }

  /** Acks and re-decodes go with the next group commit, or at once when maxPendingUpdates wait. */
  private commitSoon(): void {
    if (this.pendingUpdates() >= this.maxPendingUpdates) this.backgroundCommit(false);
    else this.scheduleCommit();
  }

  /**
   * The timer fires early by twice the recent commit duration, so that the commit *ends* (is on disk)
   * within commitIntervalMs of the first buffered telegram, not merely starts then.
   */
  private scheduleCommit(): void {
    if (this.commitTimer || this.closed) return;
    const delay = Math.max(0, Math.floor(this.commitIntervalMs - 2 * this.commitMsEstimate));
    this.commitTimer = setTimeout(() => {
      this.commitTimer = null;
      this.backgroundCommit(false);
    }, delay);
  }

  private clearTimer(name: 'commitTimer' | 'pruneTimer'): void {
    const timer = this[name];
    if (timer) clearTimeout(timer);
    this[name] = null;
  }

  /** A commit nobody waits for: failures go to onError and the batch is retried one interval later. */
  private backgroundCommit(pruneOnly: boolean): void {
    if (this.closed) return;
    try {
      this.commit(pruneOnly);
    } catch (e) {
      const error = isOutboxError(e) ? e : new OutboxError('OUTBOX_STORAGE', String(e), { cause: e });
      this.scheduleCommit();
      this.onError?.(error);
    }
  }

  private hasPendingWrites(): boolean {
    return this.buffer.length > 0 || this.pendingAcks.size > 0 || this.pendingDecodes.size > 0;
  }

  /**
   * One transaction: inserts, acks, re-decodes, the sequence reservation, counters and one bounded
   * prune step. On failure it rolls back whole and the in-memory state is left as it was.
   */
  private commit(pruneOnly: boolean, closing = false): void {
    if (pruneOnly && this.hasPendingWrites()) pruneOnly = false; // the pending commit prunes anyway
    if (!pruneOnly && !this.hasPendingWrites() && !closing) return;
    this.clearTimer('commitTimer');
    const batch = this.buffer;
    const acks = [...this.pendingAcks];
    const decodes = [...this.pendingDecodes];
    const next: Counters = { ...this.counters };
    const before: Counters = { ...this.counters };
    // On close the reservation shrinks to what was handed out, so a clean restart leaves no gap.
    const wantReserved = closing
      ? this.nextSeq - 1
      : this.reservedThrough - (this.nextSeq - 1) < this.seqReserveBlock / 2
        ? this.nextSeq - 1 + this.seqReserveBlock
        : this.reservedThrough;
    let pruned: PruneStep;
    const started = performance.now();
    try {
      pruned = this.db
        .transaction(() => {
          for (const e of batch) this.insert.run(e);
          next.rows += batch.length;
          next.unsent += batch.length;
          for (const run of ackRuns(acks)) next.unsent -= this.markSentRange.run(run.sentAt, run.first, run.last).changes;
          for (const [seq, d] of decodes) {
            const row = this.sentAtOf.get(seq);
            if (!row) continue; // pruned meanwhile
            this.setDecoded.run(d.decoded, d.status, seq);
            if (row.sent_at !== null) next.unsent++;
          }
          if (wantReserved !== this.reservedThrough) this.saveReservation.run(wantReserved, this.gatewayId);
          const step = this.pruner.step(next, this.now(), Math.max(this.pruneStepRows, 2 * batch.length));
          for (const [reason, n] of Object.entries(step.sent) as [SentDropReason, number][]) {
            next.rows -= n;
            next[sentKey(reason)] = (next[sentKey(reason)] ?? 0) + n;
          }
          for (const [reason, n] of Object.entries(step.unsent) as [UnsentDropReason, number][]) {
            next.rows -= n;
            next.unsent -= n;
            next[unsentKey(reason)] = (next[unsentKey(reason)] ?? 0) + n;
          }
          for (const name of COUNTER_NAMES) if (next[name] !== before[name]) this.saveCounter.run(next[name]!, name);
          return step;
        })
        .immediate();
    } catch (e) {
      this.commitFailures++;
      this.lastCommitError = e instanceof Error ? e.message : String(e);
      if (this.hasPendingWrites()) this.scheduleCommit(); // retry one interval later, whoever called
      throw new OutboxError('OUTBOX_STORAGE', this.lastCommitError, { cause: e });
    }
    // Only now, with the transaction durable, does the in-memory state move on.
    this.commitMsEstimate = 0.8 * this.commitMsEstimate + 0.2 * (performance.now() - started);
    this.buffer = [];
    for (const [seq] of acks) this.pendingAcks.delete(seq);
    for (const [seq, d] of decodes) {
      if (this.pendingDecodes.get(seq) === d) this.pendingDecodes.delete(seq);
      this.claimCursor = Math.min(this.claimCursor, seq - 1); // it is unsent again
    }
    for (const seq of pruned.droppedUnsentSeqs) {
      this.inFlight.delete(seq);
      this.staleInFlight.delete(seq);
    }
    this.counters = next;
    this.reservedThrough = wantReserved;
    this.telegramsCommitted += batch.length;
    const deleted = [...Object.values(pruned.sent), ...Object.values(pruned.unsent)].reduce((a, b) => a + b, 0);
    if (!pruneOnly || deleted > 0) this.commits++;
    this.lastCommitError = null;
    this.pruneMore = pruned.more;
    if (this.pruneMore && !closing && !this.pruneTimer) {
      // Catch up without holding the event loop: one more bounded step soon after.
      this.pruneTimer = setTimeout(() => {
        this.pruneTimer = null;
        this.backgroundCommit(true);
      }, 10);
      this.pruneTimer.unref();
    }
  }
}
