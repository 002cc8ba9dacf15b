/**
 * Duplicate removal within a time window (radio.md § 9): meters repeat telegrams, repeaters and several
 * sticks hear the same one, rtl_wmbus's two demodulators print it twice. A repeat after the window is a new
 * reading (never de-duplicate without a time bound: wmbusmeters#561, #1408).
 * The key is the telegram itself from the C-field on (the L-field can differ between sticks only in
 * meaning, not in a CRC-free telegram), so identical content within the window counts once.
 */
export class Deduplicator {
  private readonly seen = new Map<string, number>();
  duplicates = 0;

  constructor(private readonly windowMs: number) {}

  /** True when the same telegram was accepted less than `windowMs` before `now`. */
  isDuplicate(telegram: Uint8Array, now: number): boolean {
    if (this.windowMs <= 0) return false;
    this.expire(now);
    const key = Buffer.from(telegram.buffer, telegram.byteOffset, telegram.byteLength).toString('latin1');
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs) {
      this.duplicates++;
      return true;
    }
    // Re-insert so the map stays ordered by acceptance time (expire() relies on it).
    this.seen.delete(key);
    this.seen.set(key, now);
    return false;
  }

  private expire(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.windowMs) break;
      this.seen.delete(key);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
