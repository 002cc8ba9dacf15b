/**
 * Consumption = difference of readings at the boundaries (billing-domain.md § 4 rule, [SEED-EDDI] "Verbrauch",
 * [IMMOSW-KUM]), with two complications:
 * - resetting meters (electronic HCAs) restart at 0 after each due date, so crossing a due date adds the value
 *   frozen at that due date (§ 5.2, T7);
 * - a swapped meter is a sequence of segments; consumption = Σ (end − start) per segment (§ 9 "Meter replaced").
 */
import { compareDates, openingReadingDate, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';
import type { Reading, ReadingKind } from './reading.js';

/** Value a resetting meter stored at the end of a due date, counting since the previous due date. */
export interface DueValue {
  date: LocalDate;
  value: number;
  sinceReset: LocalDate;
  telegramIds: readonly string[];
}

/**
 * Consumption between two readings of one meter. Cumulative meters: later − earlier. Resetting meters
 * (readings carry `sinceReset`): walk the due dates in between and add each frozen period value.
 */
export function consumptionBetween(from: Reading, to: Reading, dueValues: readonly DueValue[] = []): number {
  if (compareDates(from.date, to.date) > 0) throw new BillingError('INTERVAL_REVERSED', `${from.date} .. ${to.date}`);
  for (const r of [from, to]) if (!Number.isFinite(r.value)) throw new BillingError('VALUE_INVALID', `meter ${r.meterId} at ${r.date}: ${r.value}`);
  if (from.sinceReset === to.sinceReset) return to.value - from.value;
  if (from.sinceReset === undefined || to.sinceReset === undefined) {
    throw new BillingError('VALUE_INVALID', 'one reading counts since a reset, the other is cumulative');
  }
  let total = 0;
  let current = { value: from.value, sinceReset: from.sinceReset };
  // Each step closes the reset epoch `current` counts in, at its due value, and restarts from 0.
  while (current.sinceReset !== to.sinceReset) {
    const due = dueValues.find((d) => d.sinceReset === current.sinceReset && compareDates(d.date, current.sinceReset) > 0);
    if (!due) throw new BillingError('DUE_VALUE_MISSING', `${from.meterId}: value at the due date after ${current.sinceReset}`);
    if (compareDates(due.date, to.date) > 0) throw new BillingError('VALUE_INVALID', `${to.meterId}: reading ${to.date} counts since ${to.sinceReset}, after its own date`);
    total += due.value - current.value;
    current = { value: 0, sinceReset: due.date };
  }
  return total + to.value - current.value;
}

/** A meter's time at a unit for one register: its install reading (end of `installed`) to its removal reading. */
export interface MeterSegment {
  meterId: string;
  /** Date of the install (start) reading; the meter counts for the unit from the end of this day. */
  installed: LocalDate;
  /** Date of the removal (final) reading; absent while installed. */
  removed?: LocalDate;
}

export interface Tenancy {
  tenancyId: string;
  moveIn: LocalDate;
  /** Absent while the tenancy runs; then the caller passes the billing period end as `until`. */
  moveOut?: LocalDate;
}

export interface SegmentConsumption {
  meterId: string;
  from: Reading;
  to: Reading;
  fromKind: ReadingKind;
  toKind: ReadingKind;
  consumption: number;
}

export interface TenancyConsumption {
  tenancyId: string;
  /** Reading dates bounding the tenancy: end of the day before move-in .. end of move-out (§ 4). */
  openingDate: LocalDate;
  closingDate: LocalDate;
  total: number;
  segments: SegmentConsumption[];
}

/**
 * The part of a tenancy inside a billing period, or undefined if they do not overlap. The result's moveIn
 * and moveOut are the first and last day that belong to both.
 */
export function clipTenancyToPeriod(tenancy: Tenancy, period: { first: LocalDate; last: LocalDate }): Tenancy | undefined {
  const moveIn = later(tenancy.moveIn, period.first);
  const moveOut = tenancy.moveOut ? earlier(tenancy.moveOut, period.last) : period.last;
  return compareDates(moveIn, moveOut) > 0 ? undefined : { tenancyId: tenancy.tenancyId, moveIn, moveOut };
}

const later = (a: LocalDate, b: LocalDate) => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: LocalDate, b: LocalDate) => (compareDates(a, b) <= 0 ? a : b);

function findReading(readings: readonly Reading[], meterId: string, date: LocalDate): Reading {
  const found = readings.find((r) => r.meterId === meterId && r.date === date);
  if (!found) throw new BillingError('READING_MISSING', `meter ${meterId} at ${date}`);
  return found;
}

/** Segments of one register must not overlap: one meter at a time ([SEED-EDDI] shows replaced meters inactive). */
export function assertSegmentsDisjoint(segments: readonly MeterSegment[]): void {
  const sorted = [...segments].sort((a, b) => compareDates(a.installed, b.installed));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    if (previous.removed === undefined || compareDates(sorted[i].installed, previous.removed) < 0) {
      throw new BillingError('SEGMENTS_OVERLAP', `${previous.meterId} and ${sorted[i].meterId}`);
    }
  }
}

/**
 * Consumption of one tenancy on one register (e.g. the unit's warm water), summed over the meter segments
 * that overlap it. `readings` must hold a reading of each overlapping meter at each clipped boundary:
 * max(opening, installed) and min(closing, removed). A missing one raises READING_MISSING naming meter and
 * date, so the caller can compute (B) or estimate (H/D) it and retry.
 */
export function tenancyConsumption(
  tenancy: Tenancy,
  until: LocalDate,
  segments: readonly MeterSegment[],
  readings: readonly Reading[],
  dueValues: readonly DueValue[] = [],
): TenancyConsumption {
  assertSegmentsDisjoint(segments);
  const openingDate = openingReadingDate(tenancy.moveIn);
  const closingDate = tenancy.moveOut ? earlier(tenancy.moveOut, until) : until;
  if (compareDates(openingDate, closingDate) > 0) throw new BillingError('INTERVAL_REVERSED', `${tenancy.moveIn} .. ${closingDate}`);
  const parts: SegmentConsumption[] = [];
  for (const segment of [...segments].sort((a, b) => compareDates(a.installed, b.installed))) {
    const fromDate = later(openingDate, segment.installed);
    const toDate = segment.removed ? earlier(closingDate, segment.removed) : closingDate;
    if (compareDates(fromDate, toDate) >= 0) continue; // no day of this segment lies in the tenancy
    const from = findReading(readings, segment.meterId, fromDate);
    const to = findReading(readings, segment.meterId, toDate);
    parts.push({ meterId: segment.meterId, from, to, fromKind: from.kind, toKind: to.kind, consumption: consumptionBetween(from, to, dueValues) });
  }
  return { tenancyId: tenancy.tenancyId, openingDate, closingDate, total: parts.reduce((sum, p) => sum + p.consumption, 0), segments: parts };
}
