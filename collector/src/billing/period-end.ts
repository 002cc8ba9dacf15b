/**
 * The reading that closes a billing period (kind A, billing-domain.md § 7.1).
 *
 * Electronic meters freeze their value at the due date (storage 1 with its set date), so when the set date
 * is the period end that value is taken and the reading time no longer matters (§ 6, [WMB-DV], [BFW-GOHL]).
 * Otherwise the value closest to the end of the period-end day is taken if it lies within the tolerance;
 * beyond 31 days a period-end value cannot be computed ([EDDI-UEB], § 7.4).
 */
import { endOfDay, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';
import type { MeterInfo, MeterValues, Reading } from './reading.js';
import { resetBefore } from './reset.js';
import { closestSample, dateQuality, storedValueAt, type DateQuality } from './value-lookup.js';

const DAY_MS = 86_400_000;

export interface PeriodEndOptions {
  /** Maximum distance of a current value from the end of the period-end day; default 31 days ([EDDI-UEB]). */
  toleranceDays?: number;
}

export interface PeriodEndSelection {
  reading: Reading;
  source: 'dueDate' | 'history' | 'sample';
  /** Distance between the observed value and the end of the period-end day, ms (0 for stored values). */
  offsetMs: number;
  quality: DateQuality;
}

export function selectPeriodEndReading(
  meter: MeterInfo,
  values: MeterValues,
  periodEnd: LocalDate,
  options: PeriodEndOptions = {},
): PeriodEndSelection {
  const toleranceDays = options.toleranceDays ?? 31;
  if (!(toleranceDays >= 0)) throw new BillingError('VALUE_INVALID', `toleranceDays ${toleranceDays}`);
  const sinceReset = meter.resetsAtDueDate && meter.dueDate ? resetBefore(periodEnd, meter.dueDate) : undefined;
  const base = { meterId: meter.meterId, kind: 'A' as const, date: periodEnd, ...(sinceReset ? { sinceReset } : {}) };

  const stored = storedValueAt(values, periodEnd);
  if (stored) {
    return { reading: { ...base, value: stored.value, telegramIds: [stored.telegramId] }, source: stored.source, offsetMs: 0, quality: 'exact' };
  }
  // A resetting meter read after its due date shows the new period's count, not this period's value.
  const match = closestSample(values, periodEnd, toleranceDays * DAY_MS, meter.resetsAtDueDate);
  if (!match) throw new BillingError('NO_READING_IN_TOLERANCE', `meter ${meter.meterId}, period end ${periodEnd}, ±${toleranceDays} days`);
  const reading: Reading = { ...base, value: match.sample.value, telegramIds: [match.sample.telegramId] };
  if (match.sample.at !== endOfDay(periodEnd)) reading.observedAt = match.sample.at;
  return { reading, source: 'sample', offsetMs: match.offsetMs, quality: dateQuality(match.offsetMs) };
}
