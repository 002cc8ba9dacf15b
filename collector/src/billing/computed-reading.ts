/**
 * Kind-B readings: a value at a date where none was read, computed between an enclosing earlier and later
 * reading by degree days (heat meters, HCAs) or by days (water meters) (billing-domain.md § 1.9 [SEED-EDDI] "B",
 * [GESATZ-9b]; only between enclosing readings: § 9 [EDDI-UEB]).
 */
import { addDays, compareDates, daysBetween, type LocalDate } from './calendar.js';
import { consumptionBetween, type DueValue } from './consumption.js';
import { DEGREE_DAY_TABLES, degreeDays, type DegreeDayTable } from './degree-days.js';
import { BillingError } from './errors.js';
import type { Reading, SplitBasis } from './reading.js';

/** Share (0..1) of the time after `before` up to `target`, within the time after `before` up to `after`. */
export function shareUpTo(beforeDate: LocalDate, target: LocalDate, afterDate: LocalDate, basis: SplitBasis, table: DegreeDayTable): number {
  if (basis === 'days') return daysBetween(beforeDate, target) / daysBetween(beforeDate, afterDate);
  const whole = degreeDays(addDays(beforeDate, 1), afterDate, table);
  if (whole <= 0) throw new BillingError('VALUE_INVALID', `no degree days between ${beforeDate} and ${afterDate}`);
  return degreeDays(addDays(beforeDate, 1), target, table) / whole;
}

/**
 * The value at the end of `target`, splitting the consumption between the two readings in proportion to
 * degree days or days. Resetting meters may cross one due date; the result counts in the epoch of the
 * target date. The computed reading cites the telegrams of both enclosing readings.
 */
export function computeReadingBetween(
  before: Reading,
  after: Reading,
  target: LocalDate,
  basis: SplitBasis,
  options: { table?: DegreeDayTable; dueValues?: readonly DueValue[]; targetSinceReset?: LocalDate } = {},
): Reading {
  if (before.meterId !== after.meterId) throw new BillingError('VALUE_INVALID', `readings of ${before.meterId} and ${after.meterId}`);
  if (!(compareDates(before.date, target) < 0 && compareDates(target, after.date) < 0)) {
    throw new BillingError('NO_ENCLOSING_READINGS', `${target} not strictly between ${before.date} and ${after.date}`);
  }
  const table = options.table ?? DEGREE_DAY_TABLES.exact;
  const share = shareUpTo(before.date, target, after.date, basis, table);
  const total = consumptionBetween(before, after, options.dueValues);
  const sinceReset = options.targetSinceReset ?? before.sinceReset;
  let value: number;
  if (sinceReset === before.sinceReset) value = before.value + share * total;
  else if (sinceReset === after.sinceReset) value = after.value - (1 - share) * total;
  else throw new BillingError('VALUE_INVALID', `target ${target} lies in a reset period neither reading belongs to`);
  return {
    meterId: before.meterId,
    kind: 'B',
    basis,
    value,
    date: target,
    telegramIds: [...before.telegramIds, ...after.telegramIds],
    ...(sinceReset !== undefined ? { sinceReset } : {}),
  };
}
