/**
 * Calendar dates and instants for billing, in Europe/Berlin.
 *
 * Rules (billing-domain.md § 4, derived from [SEED-KALO], [SEED-ISTA], [WMB-WSTARM]):
 * - a tenancy is the closed date interval [moveIn, moveOut], both days inclusive;
 * - a reading "at D" means the end of day D in Europe/Berlin, which is the same instant as the start of D+1;
 * - the successor moves in on the day after the predecessor's move-out;
 * - day shares use the calendar days of the actual year (365 or 366).
 *
 * A LocalDate is a plain 'YYYY-MM-DD' string so it survives JSON and SQLite unchanged. Civil-date arithmetic
 * runs on UTC midnight, where every day has exactly 24 h; only conversions to instants need the time zone.
 */
import { BillingError } from './errors.js';

export type LocalDate = string;

export const BILLING_TIME_ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Splits and validates a LocalDate; throws DATE_INVALID for anything that is not a real calendar day. */
export function parseDate(date: LocalDate): DateParts {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) throw new BillingError('DATE_INVALID', String(date));
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new BillingError('DATE_INVALID', date);
  return { year, month, day };
}

export function formatDate(parts: DateParts): LocalDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

function dayNumber(date: LocalDate): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Signed number of days from `from` to `to` (0 when equal). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return daysBetween(b, a);
}

/** Days of the closed interval [first, last], both inclusive: 01.01.–14.03.2023 = 73 (billing-domain.md T4). */
export function daysInclusive(first: LocalDate, last: LocalDate): number {
  const n = daysBetween(first, last) + 1;
  if (n < 0) throw new BillingError('INTERVAL_REVERSED', `${first} .. ${last}`);
  return n;
}

/**
 * Days after a reading dated `readingDate` up to and including `last`: a reading closes its day, so
 * 28.12. → 31.12. counts 29, 30, 31 Dec = 3 days ([SEED-ISTA], billing-domain.md § 4).
 */
export function daysAfterReading(readingDate: LocalDate, last: LocalDate): number {
  const n = daysBetween(readingDate, last);
  if (n < 0) throw new BillingError('INTERVAL_REVERSED', `${readingDate} .. ${last}`);
  return n;
}

/** The successor's move-in is the day after the predecessor's move-out ([SEED-KALO]). */
export function moveInAfterMoveOut(moveOut: LocalDate): LocalDate {
  return addDays(moveOut, 1);
}

/** Date of the reading that opens a tenancy: the end of the day before move-in (billing-domain.md § 4 rule). */
export function openingReadingDate(moveIn: LocalDate): LocalDate {
  return addDays(moveIn, -1);
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return formatDate({ year, month, day: daysInMonth(year, month) });
}

// Formatter reused: constructing Intl.DateTimeFormat is expensive.
const berlinFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BILLING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function berlinWallClock(instant: number): { date: LocalDate; msOfDay: number } {
  const parts: Record<string, string> = {};
  for (const p of berlinFormatter.formatToParts(new Date(instant))) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const msOfDay = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + (instant % 1000 + 1000) % 1000;
  return { date, msOfDay };
}

/** Offset of Berlin wall-clock time from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
export function berlinOffsetMs(instant: number): number {
  const { date, msOfDay } = berlinWallClock(instant);
  return dayNumber(date) * DAY_MS + msOfDay - instant;
}

/** Calendar date in Berlin at an instant (epoch ms). */
export function berlinDateOf(instant: number): LocalDate {
  if (!Number.isFinite(instant)) throw new BillingError('VALUE_INVALID', `instant ${instant}`);
  return berlinWallClock(instant).date;
}

/** Instant (epoch ms) of 00:00 Berlin time on `date`. Berlin never changes its clock at midnight, so 00:00 always exists. */
export function startOfDay(date: LocalDate): number {
  const utcMidnight = dayNumber(date) * DAY_MS;
  let guess = utcMidnight - berlinOffsetMs(utcMidnight);
  // One correction step covers the days where the offset at the guess differs from that at UTC midnight.
  guess = utcMidnight - berlinOffsetMs(guess);
  return guess;
}

/** Instant at which a reading "at D" is taken: the end of day D, which equals the start of D+1 (§ 4). */
export function endOfDay(date: LocalDate): number {
  return startOfDay(addDays(date, 1));
}

/**
 * Monthly history slots are often labelled with the first day of the next month (a DWZ/EFE meter labels its
 * 31.12. set-date value "2022-01-01", [WMB-WSTARM]); such a start-of-day label is the reading at the end of the day before.
 */
export function readingDateOfStartOfDayLabel(label: LocalDate): LocalDate {
  return addDays(label, -1);
}
