/**
 * The dedupe lookup ("is there a reading of this meter with this dedupe key within ±window?") answered
 * from memory instead of one SQL query per telegram.
 *
 * Per meter the index holds every reading whose received_at lies in a covered interval [lo, hi]: loaded
 * from the table when the interval is first needed or widened, and kept up to date by the inserts and
 * updates of this connection. An answer from memory is only as good as that invariant, so the index is
 * used only inside write transactions and is dropped whenever it may be stale:
 * - another connection (a second collector on the same file, a tool) committed since this connection's
 *   last transaction: SQLite's PRAGMA data_version changes exactly then
 *   (https://www.sqlite.org/pragma.html#pragma_data_version);
 * - a transaction rolled back (its inserts are gone from the table but were added here).
 * The write lock (BEGIN IMMEDIATE) is held from the data_version check to the commit, so nobody else can
 * write in between.
 */

export interface ReadingKeyRow {
  id: number;
  dedupeKey: string;
  receivedAt: number;
}

/** Reads the readings of `meter` with received_at in [from, to] (inclusive) from the table. */
export type LoadReadingKeys = (meter: number, from: number, to: number) => ReadingKeyRow[];

interface MeterEntries {
  lo: number;
  hi: number;
  /** Rows by dedupe key, each list in receivedAt order: a lookup compares only the readings of one transmission. */
  byKey: Map<string, ReadingKeyRow[]>;
  count: number;
}

/** How far beyond the asked interval a load reaches, so a live meter needs a query about once an hour. */
const LOAD_AHEAD_MS = 3_600_000;
/** Entries kept per meter before the oldest half is dropped (a meter sends a few telegrams a minute at most). */
const MAX_ROWS_PER_METER = 256;
/** Meters kept; beyond that the index starts over (it reloads lazily). */
const MAX_METERS = 100_000;

/** Keeps each key's rows in receivedAt order (they mostly come in that order: the walk is usually one step). */
function add(entries: MeterEntries, rows: readonly ReadingKeyRow[]): void {
  for (const row of rows) {
    const list = entries.byKey.get(row.dedupeKey);
    if (!list) {
      entries.byKey.set(row.dedupeKey, [row]);
      continue;
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.receivedAt > row.receivedAt) i--;
    list.splice(i, 0, row);
  }
  entries.count += rows.length;
}

export class RecentReadings {
  private readonly meters = new Map<number, MeterEntries>();
  private readonly load: LoadReadingKeys;
  /** Loads from the table (one per meter and hour of data when warm), for tests and stats. */
  loads = 0;

  constructor(load: LoadReadingKeys) {
    this.load = load;
  }

  /** Forgets everything (another writer committed, or a transaction rolled back). */
  clear(): void {
    this.meters.clear();
  }

  /** The reading nearest to receivedAt within ±windowMs with this key (ties: lowest id), as the SQL lookup orders. */
  findNear(meter: number, dedupeKey: string, receivedAt: number, windowMs: number): number | undefined {
    const entries = this.cover(meter, receivedAt - windowMs, receivedAt + windowMs);
    if (entries.count > MAX_ROWS_PER_METER) this.trim(meter, entries, receivedAt - windowMs);
    let best: ReadingKeyRow | undefined;
    let bestDistance = Infinity;
    const rows = entries.byKey.get(dedupeKey);
    if (!rows) return undefined;
    // Newest first, stopping below the window: a meter that repeats identical bytes has many rows per key.
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.receivedAt < receivedAt - windowMs) break;
      const distance = Math.abs(row.receivedAt - receivedAt);
      if (distance > windowMs) continue;
      if (distance < bestDistance || (distance === bestDistance && row.id < best!.id)) {
        best = row;
        bestDistance = distance;
      }
    }
    return best?.id;
  }

  /** A reading this connection inserted (its time lies in the interval findNear just covered). */
  added(meter: number, row: ReadingKeyRow): void {
    const entries = this.meters.get(meter);
    if (!entries || row.receivedAt < entries.lo || row.receivedAt > entries.hi) return;
    add(entries, [row]);
  }

  /** A reading's received_at was lowered (an earlier copy of the same transmission joined it). */
  lowered(readingId: number, meter: number, receivedAt: number): void {
    const entries = this.meters.get(meter);
    for (const rows of entries?.byKey.values() ?? []) {
      const row = rows.find((r) => r.id === readingId);
      if (row && receivedAt < row.receivedAt) {
        row.receivedAt = receivedAt;
        rows.sort((a, b) => a.receivedAt - b.receivedAt); // findNear relies on the order
      }
      if (row) break;
    }
    // Moved below the covered interval: the interval no longer holds every reading it claims to.
    if (entries && receivedAt < entries.lo) this.meters.delete(meter);
  }

  /** Makes [from, to] covered for the meter, loading what is missing from the table. */
  private cover(meter: number, from: number, to: number): MeterEntries {
    let entries = this.meters.get(meter);
    if (!entries) {
      if (this.meters.size >= MAX_METERS) this.meters.clear();
      const hi = to + LOAD_AHEAD_MS;
      entries = { lo: from, hi, byKey: new Map(), count: 0 };
      add(entries, this.fetch(meter, from, hi));
      this.meters.set(meter, entries);
      return entries;
    }
    if (from < entries.lo) {
      const lo = from - LOAD_AHEAD_MS;
      add(entries, this.fetch(meter, lo, entries.lo - 1));
      entries.lo = lo;
    }
    if (to > entries.hi) {
      const hi = to + LOAD_AHEAD_MS;
      add(entries, this.fetch(meter, entries.hi + 1, hi));
      entries.hi = hi;
    }
    return entries;
  }

  private fetch(meter: number, from: number, to: number): ReadingKeyRow[] {
    this.loads++;
    return this.load(meter, from, to);
  }

  /**
   * Drops the rows older than `keepFrom` (the oldest time the current lookup needs) and raises lo to it:
   * telegrams mostly arrive in time order (live, or a drain oldest first), so older rows are rarely asked
   * for again, and if they are, cover() loads them back. A meter with more rows than that ahead of it
   * (a replay of data already stored) is forgotten and reloaded when asked.
   */
  private trim(meter: number, entries: MeterEntries, keepFrom: number): void {
    if (keepFrom > entries.lo) {
      entries.count = 0;
      for (const [key, rows] of entries.byKey) {
        const kept = rows.filter((r) => r.receivedAt >= keepFrom);
        if (kept.length) entries.byKey.set(key, kept);
        else entries.byKey.delete(key);
        entries.count += kept.length;
      }
      entries.lo = keepFrom;
    }
    if (entries.count > 4 * MAX_ROWS_PER_METER) this.meters.delete(meter);
  }
}
