/**
 * Due dates of meters that reset (electronic HCAs): the value at the end of the due date is frozen as the
 * period value (storage 1) and counting restarts from 0 (billing-domain.md § 5.2 [EAD-LEIPZIG], [IMMOSW-NKUM];
 * § 6 [BFW-GOHL]). A reading dated on the due date itself is the frozen value, i.e. still before the reset.
 */
import { compareDates, formatDate, parseDate, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function dueDateInYear(year: number, dueMonthDay: string): LocalDate {
  const match = MONTH_DAY.exec(dueMonthDay);
  if (!match) throw new BillingError('DATE_INVALID', `due date ${dueMonthDay} is not MM-DD`);
  const date = formatDate({ year, month: Number(match[1]), day: Number(match[2]) });
  parseDate(date); // validates, e.g. rejects 02-30
  return date;
}

/** The latest due date strictly before `date`: the reset a value "at the end of `date`" counts from. */
export function resetBefore(date: LocalDate, dueMonthDay: string): LocalDate {
  const { year } = parseDate(date);
  const sameYear = dueDateInYear(year, dueMonthDay);
  return compareDates(sameYear, date) < 0 ? sameYear : dueDateInYear(year - 1, dueMonthDay);
}

/** True if `date` is the due date of its year. */
export function isDueDate(date: LocalDate, dueMonthDay: string): boolean {
  return dueDateInYear(parseDate(date).year, dueMonthDay) === date;
}
