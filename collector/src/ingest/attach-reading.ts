import type { CollectorRepository } from '../store/index.js';
import type { DecodedReading } from './collector-decoder.js';

/**
 * Finds the reading this transmission belongs to (same dedupe key, receivedAt within ±windowMs of the
 * reading's) or creates it. A bounded window, never "seen before": a meter repeating identical bytes
 * later is a new reading (radio.md § 9). Called inside the ingest transaction, so readings created
 * earlier in the same batch are found too.
 */
export function attachReading(
  repo: CollectorRepository,
  decoded: DecodedReading,
  meter: number,
  dedupeKey: Uint8Array,
  receivedAt: number,
  storedAt: number,
  windowMs: number,
): { reading: number; created: boolean } {
  const existing = repo.findReadingNear(meter, dedupeKey, receivedAt, windowMs);
  if (existing !== undefined) {
    repo.lowerReadingReceivedAt(existing, receivedAt, meter);
    return { reading: existing, created: false };
  }
  const reading = repo.insertReading({
    meter,
    dedupeKey,
    receivedAt,
    storedAt,
    meterTime: decoded.meterTime,
    driver: decoded.driver,
    kind: decoded.kind,
    readingJson: decoded.readingJson,
  });
  return { reading, created: true };
}
