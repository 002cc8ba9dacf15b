/**
 * Finding a meter's value for the end of a given day among what its telegrams delivered: a value the meter
 * stored for that day (due-date value or monthly history), or the current value closest to that instant.
 * Reading-date tolerance tiers follow eddi24 (billing-domain.md § 7.4 and § 9, [EDDI-UEB]).
 */
import { berlinDateOf, endOfDay, type LocalDate } from './calendar.js';
import type { MeterSample, MeterValues, StoredValue } from './reading.js';

const DAY_MS = 86_400_000;

/** ≤ 3 days good, 4–31 days acceptable, beyond 31 days flagged ([EDDI-UEB]). */
export type DateQuality = 'exact' | 'good' | 'acceptable' | 'far';

export function dateQuality(offsetMs: number): DateQuality {
  const days = Math.abs(offsetMs) / DAY_MS;
  if (days === 0) return 'exact';
  if (days <= 3) return 'good';
  if (days <= 31) return 'acceptable';
  return 'far';
}

/** A stored value for the end of `date`, preferring the due-date value over a history slot. */
export function storedValueAt(values: MeterValues, date: LocalDate): StoredValue | undefined {
  const matching = values.stored.filter((s) => s.date === date);
  return matching.find((s) => s.source === 'dueDate') ?? matching[0];
}

export interface SampleMatch {
  sample: MeterSample;
  /** sample time − target instant, ms */
  offsetMs: number;
}

/**
 * The sample closest to the end of `date` within `toleranceMs`. With `notAfter` only samples up to the end
 * of the day count: a resetting meter's value after its due date already restarted from 0.
 * Ties go to the earlier sample, which lies inside the day being closed.
 */
export function closestSample(
  values: MeterValues,
  date: LocalDate,
  toleranceMs: number,
  notAfter = false,
): SampleMatch | undefined {
  const target = endOfDay(date);
  let best: SampleMatch | undefined;
  for (const sample of values.samples) {
    if (!Number.isFinite(sample.value) || !Number.isFinite(sample.at)) continue;
    const offsetMs = sample.at - target;
    if (Math.abs(offsetMs) > toleranceMs || (notAfter && offsetMs > 0)) continue;
    if (!best || Math.abs(offsetMs) < Math.abs(best.offsetMs) || (Math.abs(offsetMs) === Math.abs(best.offsetMs) && offsetMs < best.offsetMs)) {
      best = { sample, offsetMs };
    }
  }
  return best;
}

/** Berlin date a sample was observed on (an "Ablesedatum", as opposed to the Stichtag it stands for, [IMMOSW-KUM]). */
export function sampleDate(sample: MeterSample): LocalDate {
  return berlinDateOf(sample.at);
}
