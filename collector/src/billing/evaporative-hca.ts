/**
 * Evaporative heat cost allocators at a tenant change: the interim reading (ZA) counts only if the
 * degree-day share since the last main reading is between 400 ‰ and 800 ‰; otherwise the consumption is
 * split by degree days (bved guideline via [SEED-ISTA], [MAW]; billing-domain.md § 5.1, § 2 parameter table).
 * Reason: cold evaporation makes early and late interim readings meaningless ([MAW], [DMB-WZ]).
 */
import { compareDates, type LocalDate } from './calendar.js';
import { computeReadingBetween } from './computed-reading.js';
import { DEGREE_DAY_TABLES, degreeDaysAfterReading, type DegreeDayTable } from './degree-days.js';
import { BillingError } from './errors.js';
import { legalValue } from './legal-parameters.js';
import type { Reading } from './reading.js';

/** The 400–800 ‰ window from the versioned parameter set (legal-parameters.ts). */
export function evaporativeInterimWindowAt(date: LocalDate): { min: number; max: number } {
  return { min: legalValue('evaporativeInterimMinPermille', date), max: legalValue('evaporativeInterimMaxPermille', date) };
}

export interface InterimWindowCheck {
  /** Degree days ‰ from the day after the last main reading up to and including the move-out day. */
  permille: number;
  accepted: boolean;
}

export function evaporativeInterimWindow(
  lastMainReadingDate: LocalDate,
  moveOut: LocalDate,
  table: DegreeDayTable = DEGREE_DAY_TABLES.exact,
  window: { min: number; max: number } = evaporativeInterimWindowAt(moveOut),
): InterimWindowCheck {
  const permille = degreeDaysAfterReading(lastMainReadingDate, moveOut, table);
  return { permille, accepted: permille >= window.min && permille <= window.max };
}

export interface EvaporativeTenantChange extends InterimWindowCheck {
  /** Reading at the end of the move-out day: the interim reading (ZA) or a degree-day split (B). */
  reading: Reading;
  reason: 'interim-in-window' | 'interim-outside-window' | 'no-interim-reading';
}

/**
 * Decides the move-out value of an evaporative HCA once the period-end reading exists. `lastMain` is the
 * reading after the last ampoule change (start of the period), `periodEnd` the next main reading.
 */
export function evaporativeHcaTenantChange(input: {
  lastMain: Reading;
  periodEnd: Reading;
  moveOut: LocalDate;
  interim?: Reading;
  table?: DegreeDayTable;
  window?: { min: number; max: number };
}): EvaporativeTenantChange {
  const table = input.table ?? DEGREE_DAY_TABLES.exact;
  const check = evaporativeInterimWindow(input.lastMain.date, input.moveOut, table, input.window);
  if (input.interim) {
    if (input.interim.date !== input.moveOut) throw new BillingError('VALUE_INVALID', `interim reading dated ${input.interim.date}, move-out ${input.moveOut}`);
    if (check.accepted) return { ...check, reading: { ...input.interim, kind: 'ZA' }, reason: 'interim-in-window' };
  }
  if (compareDates(input.moveOut, input.periodEnd.date) >= 0) throw new BillingError('NO_ENCLOSING_READINGS', `move-out ${input.moveOut} not before ${input.periodEnd.date}`);
  const reading = computeReadingBetween(input.lastMain, input.periodEnd, input.moveOut, 'degreeDays', { table });
  return { ...check, reading, reason: input.interim ? 'interim-outside-window' : 'no-interim-reading' };
}
