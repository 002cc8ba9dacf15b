import type { Database, Statement } from 'better-sqlite3';

/**
 * Keeps the outbox within its limits, a bounded number of rows per step so that a commit (and so
 * enqueue) is never held up for long; the caller runs a step inside its commit transaction and
 * schedules another when `more` is true.
 *
 * Policy, in this order:
 *  1. sent rows older than maxSentAgeMs (by sent_at) are housekeeping: they were delivered;
 *  2. rows of any kind older than maxAgeMs (by received_at), taken from the head in seq order;
 *  3. over maxBytes or maxRows: first the oldest sent rows, then the oldest unsent ones.
 * Every deleted row is counted by state and reason (never silent).
 *
 * Ages are judged on the head of the seq order and stop at the first young row. A Pi has no RTC: until
 * NTP syncs, its clock may read 1970. A time before MIN_PLAUSIBLE_TIME_MS is therefore never taken as
 * old — such rows are skipped by the age rules (the size limits still bound them). What remains: a
 * clock that was plausible but far behind, then corrected, ages its rows by the correction.
 */
export const MIN_PLAUSIBLE_TIME_MS = Date.UTC(2024, 0, 1);

export interface RetentionLimits {
  maxBytes: number | null;
  maxRows: number | null;
  maxAgeMs: number | null;
  maxSentAgeMs: number | null;
}

export const SENT_DROP_REASONS = ['sentRetention', 'maxAge', 'maxBytes', 'maxRows'] as const;
export const UNSENT_DROP_REASONS = ['maxAge', 'maxBytes', 'maxRows'] as const;
export type SentDropReason = (typeof SENT_DROP_REASONS)[number];
export type UnsentDropReason = (typeof UNSENT_DROP_REASONS)[number];

export interface PruneStep {
  sent: Partial<Record<SentDropReason, number>>;
  unsent: Partial<Record<UnsentDropReason, number>>;
  /** seqs of unsent rows deleted, so in-flight bookkeeping can forget them. */
  droppedUnsentSeqs: number[];
  /** The step stopped at its row budget while a limit is still exceeded. */
  more: boolean;
}

// Prune below the byte limit by this margin, so that a full outbox does not run a tiny prune at
// every commit (page-granular sizes make exact targets meaningless anyway).
const BYTES_LOW_WATER = 0.98;

export class Pruner {
  private readonly head: Statement<[], { seq: number; received_at: number }>;
  private readonly headRows: Statement<[number], { seq: number; received_at: number; sent: number }>;
  private readonly headSent: Statement<[number], { seq: number; sent_at: number }>;
  private readonly deleteOne: Statement<[number]>;
  private readonly deleteOldestSent: Statement<[number]>;
  private readonly deleteOldestUnsent: Statement<[number], { seq: number }>;
  private readonly pageCount: Statement<[], number>;
  private readonly freelistCount: Statement<[], number>;
  readonly pageSize: number;

  constructor(private readonly db: Database, private readonly limits: RetentionLimits) {
    this.head = db.prepare('SELECT seq, received_at FROM outbox ORDER BY seq LIMIT 1');
    this.headRows = db.prepare('SELECT seq, received_at, sent_at IS NOT NULL AS sent FROM outbox ORDER BY seq LIMIT ?');
    this.headSent = db.prepare('SELECT seq, sent_at FROM outbox WHERE sent_at IS NOT NULL ORDER BY seq LIMIT ?');
    this.deleteOne = db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.deleteOldestSent = db.prepare('DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE sent_at IS NOT NULL ORDER BY seq LIMIT ?)');
    this.deleteOldestUnsent = db.prepare(
      'DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?) RETURNING seq',
    );
    this.pageCount = db.prepare<[], number>('PRAGMA page_count').pluck();
    this.freelistCount = db.prepare<[], number>('PRAGMA freelist_count').pluck();
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
  }

  /** Bytes of the main database file in use (free pages are reused before the file grows). */
  usedBytes(): number {
    return (this.pageCount.get()! - this.freelistCount.get()!) * this.pageSize;
  }

  /**
   * One bounded step. `counts` are the row totals before the step; the caller applies the result to
   * its counters. Must run inside the caller's write transaction.
   */
  step(counts: { rows: number; unsent: number }, now: number, budget: number): PruneStep {
    const result: PruneStep = { sent: {}, unsent: {}, droppedUnsentSeqs: [], more: false };
    let rows = counts.rows;
    let unsent = counts.unsent;
    let left = budget;
    const add = <K extends string>(bucket: Partial<Record<K, number>>, reason: K, n: number): void => {
      if (n > 0) bucket[reason] = (bucket[reason] ?? 0) + n;
    };

    // 1. delivered rows past their retention
    if (this.limits.maxSentAgeMs !== null && rows > unsent && left > 0) {
      const cutoff = now - this.limits.maxSentAgeMs;
      const candidates = this.headSent.all(left);
      const expired = takeExpired(candidates, (r) => r.sent_at, cutoff);
      for (const seq of expired.seqs) this.deleteOne.run(seq);
      add(result.sent, 'sentRetention', expired.seqs.length);
      rows -= expired.seqs.length;
      left -= expired.seqs.length;
      if (expired.seqs.length > 0 && expired.reachedEnd && candidates.length > 0) result.more = true;
    }

    // 2. anything past the maximum age, from the head
    if (this.limits.maxAgeMs !== null && rows > 0 && left > 0) {
      const cutoff = now - this.limits.maxAgeMs;
      const first = this.head.get();
      if (first && first.received_at < cutoff) {
        const candidates = this.headRows.all(left);
        const expired = takeExpired(candidates, (r) => r.received_at, cutoff);
        let nSent = 0;
        for (const row of expired.rows) {
          this.deleteOne.run(row.seq);
          if (row.sent) nSent++;
          else result.droppedUnsentSeqs.push(row.seq);
        }
        const nUnsent = expired.rows.length - nSent;
        add(result.sent, 'maxAge', nSent);
        add(result.unsent, 'maxAge', nUnsent);
        rows -= expired.rows.length;
        unsent -= nUnsent;
        left -= expired.rows.length;
        if (expired.rows.length > 0 && expired.reachedEnd) result.more = true;
      }
    }

    // 3. size: oldest sent first, then oldest unsent
    if (left > 0 && rows > 0) {
      let needRows = 0;
      let needBytes = 0;
      if (this.limits.maxRows !== null && rows > this.limits.maxRows) needRows = rows - this.limits.maxRows;
      if (this.limits.maxBytes !== null) {
        const used = this.usedBytes();
        if (used > this.limits.maxBytes) {
          const perRow = used / rows;
          needBytes = Math.max(1, Math.ceil((used - this.limits.maxBytes * BYTES_LOW_WATER) / perRow));
        }
      }
      const need = Math.max(needRows, needBytes);
      if (need > 0) {
        const reason = needBytes >= needRows ? 'maxBytes' : 'maxRows';
        const take = Math.min(need, left);
        const sentTake = Math.min(take, rows - unsent);
        const nSent = sentTake > 0 ? this.deleteOldestSent.run(sentTake).changes : 0;
        add(result.sent, reason, nSent);
        let nUnsent = 0;
        if (take - nSent > 0) {
          const gone = this.deleteOldestUnsent.all(take - nSent);
          nUnsent = gone.length;
          for (const g of gone) result.droppedUnsentSeqs.push(g.seq);
          add(result.unsent, reason, nUnsent);
        }
        if (take < need) result.more = true;
      }
    }
    return result;
  }
}

/**
 * The head rows (in seq order) whose time is before the cutoff, up to the first plausible young one;
 * rows with an implausible time are passed over, neither taken nor stopping the scan.
 */
function takeExpired<R extends { seq: number }>(candidates: R[], timeOf: (r: R) => number, cutoff: number): { rows: R[]; seqs: number[]; reachedEnd: boolean } {
  const rows: R[] = [];
  for (const row of candidates) {
    const time = timeOf(row);
    if (time < MIN_PLAUSIBLE_TIME_MS) continue;
    if (time >= cutoff) return { rows, seqs: rows.map((r) => r.seq), reachedEnd: false };
    rows.push(row);
  }
  return { rows, seqs: rows.map((r) => r.seq), reachedEnd: true };
}
