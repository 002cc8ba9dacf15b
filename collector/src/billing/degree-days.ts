/**
 * Degree-day (Gradtagzahlen) tables and the degree-day share of a date interval.
 *
 * Monthly values: VDI 2067 Blatt 1 (12/1983) Tabelle 22, 1000 ‰ per year; all public sources agree on them
 * (billing-domain.md § 3.2: [SEED-ISTA], [SEED-CASAMETA], [IMMOTHEK], [OBJEKTV], [REGIOMESS]).
 * Sources disagree on the per-day values and on how June–August are spread (§ 3.3), so a table variant
 * bundles a summer convention and a per-day table; the default computes with exact fractions as § 3.3 recommends.
 * A fully covered month (or summer block) always contributes its monthly value, also February in a leap year
 * ([SEED-ISTA], [SEED-CASAMETA]); partly covered months contribute days × per-day value.
 */
import { addDays, compareDates, daysInMonth, isLeapYear, parseDate, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';

/** VDI 2067 Bl. 1 Tab. 22 monthly ‰, January..December, with June–August as the 40 ‰ they share. */
export const VDI_2067_MONTHLY_PERMILLE = { jan: 170, feb: 150, mar: 130, apr: 80, may: 40, summer: 40, sep: 30, oct: 80, nov: 120, dec: 160 } as const;

/**
 * How the 40 summer ‰ are spread (§ 3.3 conflict 2):
 * - 'block92': one 92-day block of 40 ‰ ([SEED-ISTA], [IMMOTHEK]);
 * - '14-13-13': June 14, July 13, August 13 ‰ ([SEED-CASAMETA], [OBJEKTV]);
 * - 'thirds': 40/3 ‰ per month ([REGIOMESS]).
 */
export type SummerConvention = 'block92' | '14-13-13' | 'thirds';

/** Per-day ‰ for each month Jan..Dec plus leap-year February, as printed by a source. */
export interface PrintedPerDay {
  months: readonly [number, number, number, number, number, number, number, number, number, number, number, number];
  februaryLeap: number;
}

export type PerDayRule =
  | { kind: 'exact' }
  | { kind: 'rounded'; decimals: number; mode: 'truncate' | 'round' }
  | { kind: 'printed'; table: PrintedPerDay };

export interface DegreeDayTable {
  id: string;
  description: string;
  /** Source tags resolved in billing-domain.md § 0. */
  source: string;
  summer: SummerConvention;
  perDay: PerDayRule;
}

export const DEGREE_DAY_TABLES = {
  /** Recommended default (§ 3.3 "Recommendation"): exact fractions, summer as one 92-day block. */
  exact: {
    id: 'exact',
    description: 'VDI 2067 monthly ‰, exact per-day fractions, summer 40 ‰ over 92 days',
    source: 'billing-domain.md § 3.2/3.3 (derived)',
    summer: 'block92',
    perDay: { kind: 'exact' },
  },
  exactSummer141313: {
    id: 'exactSummer141313',
    description: 'VDI 2067 monthly ‰, exact per-day fractions, summer 14/13/13 ‰',
    source: 'billing-domain.md § 3.3 (derived)',
    summer: '14-13-13',
    perDay: { kind: 'exact' },
  },
  ista: {
    id: 'ista',
    description: 'per-day values truncated to 2 decimals, summer 0.43 ‰/day over 92 days',
    source: '[SEED-ISTA], [IMMOTHEK] via billing-domain.md § 3.3',
    summer: 'block92',
    perDay: { kind: 'printed', table: { months: [5.48, 5.35, 4.19, 2.66, 1.29, 0.43, 0.43, 0.43, 1.0, 2.58, 4.0, 5.16], februaryLeap: 5.17 } },
  },
  casameta: {
    id: 'casameta',
    description: 'per-day values rounded to 2 decimals, summer 14/13/13 ‰',
    source: '[SEED-CASAMETA] via billing-domain.md § 3.3',
    summer: '14-13-13',
    perDay: { kind: 'printed', table: { months: [5.48, 5.36, 4.19, 2.67, 1.29, 0.47, 0.42, 0.42, 1.0, 2.58, 4.0, 5.16], februaryLeap: 5.17 } },
  },
  objektv: {
    id: 'objektv',
    // objektv prints 2.66 for October, inconsistent with 80/31 = 2.58; § 3.3 conflict 3 says treat it as a typo.
    description: 'per-day values as printed by objektv (October typo 2.66 corrected to 2.58), summer 14/13/13 ‰',
    source: '[OBJEKTV] via billing-domain.md § 3.3',
    summer: '14-13-13',
    perDay: { kind: 'printed', table: { months: [5.48, 5.35, 4.19, 2.66, 1.29, 0.46, 0.42, 0.42, 1.0, 2.58, 4.0, 5.16], februaryLeap: 5.17 } },
  },
  regiomess: {
    id: 'regiomess',
    // regiomess prints no leap-year February; 150/29 rounded to 3 decimals (5.172) is derived, not printed.
    description: 'per-day values rounded to 3 decimals, summer 40/3 ‰ per month',
    source: '[REGIOMESS] via billing-domain.md § 3.3',
    summer: 'thirds',
    perDay: { kind: 'printed', table: { months: [5.484, 5.357, 4.194, 2.667, 1.29, 0.444, 0.43, 0.43, 1.0, 2.581, 4.0, 5.161], februaryLeap: 5.172 } },
  },
  immobilienSoftware: {
    id: 'immobilienSoftware',
    // Only March (4.193) is published ([IMMOSW-GTZ], § 3.3 conflict 4); truncation to 3 decimals for the other
    // months and the summer block are assumptions that reproduce it.
    description: 'per-day values truncated to 3 decimals (March 4.193), summer 40 ‰ over 92 days',
    source: '[IMMOSW-GTZ] via billing-domain.md § 3.3 and T2',
    summer: 'block92',
    perDay: { kind: 'rounded', decimals: 3, mode: 'truncate' },
  },
} as const satisfies Record<string, DegreeDayTable>;

export type DegreeDayTableId = keyof typeof DEGREE_DAY_TABLES;

const SUMMER_MONTHS = [6, 7, 8];

/** ‰ a fully covered month contributes (for block92 the summer months have no own value: see segments). */
function monthPermille(month: number, summer: SummerConvention): number {
  const m = VDI_2067_MONTHLY_PERMILLE;
  const byMonth = [m.jan, m.feb, m.mar, m.apr, m.may, NaN, NaN, NaN, m.sep, m.oct, m.nov, m.dec];
  if (!SUMMER_MONTHS.includes(month)) return byMonth[month - 1];
  if (summer === '14-13-13') return month === 6 ? 14 : 13;
  if (summer === 'thirds') return m.summer / 3;
  return (m.summer * daysInSummerMonth(month)) / 92;
}

function daysInSummerMonth(month: number): number {
  return month === 7 || month === 8 ? 31 : 30;
}

/** Exact ‰ per day of a month: the month's ‰ over its days; under block92 every summer day is 40/92. */
function exactPerDay(year: number, month: number, summer: SummerConvention): number {
  if (summer === 'block92' && SUMMER_MONTHS.includes(month)) return VDI_2067_MONTHLY_PERMILLE.summer / 92;
  return monthPermille(month, summer) / daysInMonth(year, month);
}

export function perDayPermille(year: number, month: number, table: DegreeDayTable): number {
  const rule = table.perDay;
  if (rule.kind === 'printed') return month === 2 && isLeapYear(year) ? rule.table.februaryLeap : rule.table.months[month - 1];
  const exact = exactPerDay(year, month, table.summer);
  if (rule.kind === 'exact') return exact;
  const scale = 10 ** rule.decimals;
  // The small epsilon keeps values like 4.0 from truncating to 3.999 through binary representation.
  return rule.mode === 'truncate' ? Math.floor(exact * scale + 1e-9) / scale : Math.round(exact * scale) / scale;
}

/** ‰ of `days` days of one month: exact tables multiply before dividing so 3 × 160/31 stays exact to the last bit possible. */
function partialMonthPermille(year: number, month: number, days: number, table: DegreeDayTable): number {
  if (table.perDay.kind === 'exact') {
    if (table.summer === 'block92' && SUMMER_MONTHS.includes(month)) return (VDI_2067_MONTHLY_PERMILLE.summer * days) / 92;
    return (monthPermille(month, table.summer) * days) / daysInMonth(year, month);
  }
  return days * perDayPermille(year, month, table);
}

/** A billing unit of the table: one month, or June–August together under block92. */
interface Segment {
  first: LocalDate;
  last: LocalDate;
  permille: number;
  months: number[];
}

function segmentsOfYear(year: number, summer: SummerConvention): Segment[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const segments: Segment[] = [];
  for (let month = 1; month <= 12; month++) {
    if (summer === 'block92' && month === 6) {
      segments.push({ first: `${year}-06-01`, last: `${year}-08-31`, permille: VDI_2067_MONTHLY_PERMILLE.summer, months: [6, 7, 8] });
      month = 8;
      continue;
    }
    const last = `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
    segments.push({ first: `${year}-${pad(month)}-01`, last, permille: monthPermille(month, summer), months: [month] });
  }
  return segments;
}

const maxDate = (a: LocalDate, b: LocalDate) => (compareDates(a, b) >= 0 ? a : b);
const minDate = (a: LocalDate, b: LocalDate) => (compareDates(a, b) <= 0 ? a : b);

/** Degree-day ‰ of the closed interval [first, last] (both days inclusive). A calendar year gives 1000. */
export function degreeDays(first: LocalDate, last: LocalDate, table: DegreeDayTable = DEGREE_DAY_TABLES.exact): number {
  const from = parseDate(first);
  const to = parseDate(last);
  if (compareDates(first, last) > 0) {
    // An empty interval (the day after a reading up to that reading's day) is 0, anything earlier is an error.
    if (compareDates(addDays(last, 1), first) === 0) return 0;
    throw new BillingError('INTERVAL_REVERSED', `${first} .. ${last}`);
  }
  let total = 0;
  for (let year = from.year; year <= to.year; year++) {
    for (const segment of segmentsOfYear(year, table.summer)) {
      const start = maxDate(segment.first, first);
      const end = minDate(segment.last, last);
      if (compareDates(start, end) > 0) continue;
      if (start === segment.first && end === segment.last) {
        total += segment.permille;
        continue;
      }
      for (const month of segment.months) {
        const monthFirst = `${year}-${String(month).padStart(2, '0')}-01`;
        const monthLast = `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
        const s = maxDate(monthFirst, start);
        const e = minDate(monthLast, end);
        if (compareDates(s, e) > 0) continue;
        total += partialMonthPermille(year, month, parseDate(e).day - parseDate(s).day + 1, table);
      }
    }
  }
  return total;
}

/** ‰ after a reading dated `readingDate` up to and including `last` (a reading closes its day, § 4). */
export function degreeDaysAfterReading(readingDate: LocalDate, last: LocalDate, table: DegreeDayTable = DEGREE_DAY_TABLES.exact): number {
  return degreeDays(addDays(readingDate, 1), last, table);
}

/** Share (0..1) of the part [partFirst, partLast] in the whole [wholeFirst, wholeLast] by degree days. */
export function degreeDayShare(
  part: { first: LocalDate; last: LocalDate },
  whole: { first: LocalDate; last: LocalDate },
  table: DegreeDayTable = DEGREE_DAY_TABLES.exact,
): number {
  const wholePermille = degreeDays(whole.first, whole.last, table);
  if (wholePermille <= 0) throw new BillingError('VALUE_INVALID', `no degree days in ${whole.first} .. ${whole.last}`);
  return degreeDays(part.first, part.last, table) / wholePermille;
}
