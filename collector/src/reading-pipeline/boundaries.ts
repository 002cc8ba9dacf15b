/** Date rules shared by the pipeline's parts: due dates, active assignments, frozen values of resetting meters. */
import {
  compareDates,
  isDueDate,
  resetBefore,
  type DueValue,
  type LocalDate,
  type Reading,
} from '../billing/index.js';
import type { MeterAssignment } from '../properties/index.js';

/** The first due date on or after `date`. */
export function nextDueDate(date: LocalDate, dueMonthDay: string): LocalDate {
  if (isDueDate(date, dueMonthDay)) return date;
  const previous = resetBefore(date, dueMonthDay);
  return `${Number(previous.slice(0, 4)) + 1}${previous.slice(4)}`;
}

export function activeAt(a: MeterAssignment, date: LocalDate): boolean {
  return compareDates(a.installed, date) <= 0 && (a.removed === null || compareDates(a.removed, date) >= 0);
}

/** Readings of a resetting meter taken at its due date are the frozen period values consumption needs. */
export function dueValuesOf(dueDate: string | undefined, resets: boolean, readings: readonly Reading[]): DueValue[] {
  if (!resets || !dueDate) return [];
  return readings
    .filter((r) => r.sinceReset !== undefined && isDueDate(r.date, dueDate))
    .map((r) => ({ date: r.date, value: r.value, sinceReset: r.sinceReset!, telegramIds: r.telegramIds }));
}
