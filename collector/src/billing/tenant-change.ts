/**
 * The reading at a tenant change (§ 9b HeizkostenV, billing-domain.md § 1.9).
 *
 * Remote-read meters deliver a value for the end of the move-out day (a stored month-end/due-date value or
 * a current value near midnight): kind ZA. Without one, the value is computed between enclosing readings,
 * by degree days for heat meters and HCAs and by days for water meters: kind B ([SEED-EDDI], [GESATZ-9b]).
 * Evaporative HCAs have their own rule (evaporative-hca.ts).
 */
import { endOfDay, type LocalDate } from './calendar.js';
import { computeReadingBetween } from './computed-reading.js';
import type { DueValue } from './consumption.js';
import { DEGREE_DAY_TABLES, type DegreeDayTable } from './degree-days.js';
import { BillingError } from './errors.js';
import { splitBasisFor, type MeterInfo, type MeterValues, type Reading } from './reading.js';
import { resetBefore } from './reset.js';
import { closestSample, storedValueAt } from './value-lookup.js';

export interface TenantChangeOptions {
  /**
   * How far from midnight a current value may be to stand for the end of the move-out day. Default 3 h:
   * (assumption, no source) a remote meter sends many times a day, and little is consumed around midnight.
   */
  sampleToleranceMs?: number;
  table?: DegreeDayTable;
  dueValues?: readonly DueValue[];
}

export const DEFAULT_SAMPLE_TOLERANCE_MS = 3 * 3_600_000;

/** The value at the end of `date` as delivered by the meter (kind ZA), or undefined when there is none. */
export function readingAtEndOfDay(
  meter: MeterInfo,
  values: MeterValues,
  date: LocalDate,
  toleranceMs: number = DEFAULT_SAMPLE_TOLERANCE_MS,
): Reading | undefined {
  const sinceReset = meter.resetsAtDueDate && meter.dueDate ? resetBefore(date, meter.dueDate) : undefined;
  const base = { meterId: meter.meterId, kind: 'ZA' as const, date, ...(sinceReset ? { sinceReset } : {}) };
  const stored = storedValueAt(values, date);
  if (stored) return { ...base, value: stored.value, telegramIds: [stored.telegramId] };
  const match = closestSample(values, date, toleranceMs, meter.resetsAtDueDate);
  if (!match) return undefined;
  const reading: Reading = { ...base, value: match.sample.value, telegramIds: [match.sample.telegramId] };
  if (match.sample.at !== endOfDay(date)) reading.observedAt = match.sample.at;
  return reading;
}

export interface TenantChangeResult {
  reading: Reading;
  method: 'delivered' | 'computed';
}

/**
 * Reading at the end of `moveOut`: delivered (ZA) when the meter has one, else computed (B) between
 * `enclosing.before` and `enclosing.after` (e.g. the previous period-end reading and the next delivered value).
 */
export function tenantChangeReading(
  meter: MeterInfo,
  values: MeterValues,
  moveOut: LocalDate,
  enclosing: { before: Reading; after: Reading } | undefined,
  options: TenantChangeOptions = {},
): TenantChangeResult {
  if (meter.type === 'hca' && meter.hcaPrinciple === 'evaporative') {
    throw new BillingError('VALUE_INVALID', `meter ${meter.meterId} is an evaporative HCA: use evaporativeHcaTenantChange`);
  }
  const delivered = readingAtEndOfDay(meter, values, moveOut, options.sampleToleranceMs);
  if (delivered) return { reading: delivered, method: 'delivered' };
  if (!enclosing) throw new BillingError('NO_ENCLOSING_READINGS', `meter ${meter.meterId} has no value at ${moveOut}`);
  const targetSinceReset = meter.resetsAtDueDate && meter.dueDate ? resetBefore(moveOut, meter.dueDate) : undefined;
  const reading = computeReadingBetween(enclosing.before, enclosing.after, moveOut, splitBasisFor(meter.type), {
    table: options.table ?? DEGREE_DAY_TABLES.exact,
    ...(options.dueValues ? { dueValues: options.dueValues } : {}),
    ...(targetSinceReset ? { targetSinceReset } : {}),
  });
  return { reading, method: 'computed' };
}
