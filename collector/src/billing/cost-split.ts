/**
 * §§ 7, 8 HeizkostenV: heating and warm-water costs split into a consumption part (50–70 %) and a fixed
 * part by area (heating may also use enclosed volume; warm water by area only) ([RA-7], [HKV-2009],
 * billing-domain.md §§ 1.5, 1.6). § 9b: a unit's fixed part is shared between successive users by degree
 * days (heating) or days (warm water) ([GESATZ-9b], § 1.9).
 * All amounts stay unrounded; round once at the end (money.ts), never the ratios (T9).
 */
import type { LocalDate } from './calendar.js';
import { daysInclusive } from './calendar.js';
import { DEGREE_DAY_TABLES, degreeDays, type DegreeDayTable } from './degree-days.js';
import { BillingError } from './errors.js';
import { legalValue } from './legal-parameters.js';

export interface Weighted {
  id: string;
  weight: number;
}

/** Splits `amount` in proportion to the weights (area, consumption, days, ‰). */
export function splitByWeights(amount: number, parts: readonly Weighted[]): Map<string, number> {
  if (!Number.isFinite(amount)) throw new BillingError('VALUE_INVALID', `amount ${amount}`);
  const total = parts.reduce((sum, p) => {
    if (!Number.isFinite(p.weight) || p.weight < 0) throw new BillingError('VALUE_INVALID', `weight of ${p.id} = ${p.weight}`);
    return sum + p.weight;
  }, 0);
  if (!(total > 0)) throw new BillingError('VALUE_INVALID', 'weights sum to 0');
  return new Map(parts.map((p) => [p.id, (amount * p.weight) / total]));
}

export interface UnitKeys {
  id: string;
  /** m² (or m³ of enclosed volume for heating, if that key is chosen) */
  fixedKey: number;
  /** recorded consumption in the register's unit (kWh, HCA units × rating, m³) */
  consumption: number;
}

export interface UnitCostShare {
  id: string;
  fixedPart: number;
  consumptionPart: number;
  total: number;
}

/**
 * §§ 7/8 split of one cost block. `consumptionShare` must lie in the legal 50–70 % range valid at
 * `periodStart`; contracts above 70 % remain valid (§ 10), pass `allowAboveMaximum` for them.
 * Keys are fixed per period (§ 6 Abs. 4); the caller passes the ones configured for this period.
 */
export function splitFixedAndConsumption(input: {
  kind: 'heating' | 'warmWater';
  cost: number;
  consumptionShare: number;
  units: readonly UnitKeys[];
  periodStart: LocalDate;
  allowAboveMaximum?: boolean;
}): UnitCostShare[] {
  const min = legalValue(input.kind === 'heating' ? 'heatingConsumptionShareMin' : 'warmWaterConsumptionShareMin', input.periodStart);
  const max = legalValue(input.kind === 'heating' ? 'heatingConsumptionShareMax' : 'warmWaterConsumptionShareMax', input.periodStart);
  const share = input.consumptionShare;
  if (!(share >= min && (share <= max || (input.allowAboveMaximum && share <= 1)))) {
    throw new BillingError('VALUE_INVALID', `consumption share ${share} outside ${min}..${max}`);
  }
  const consumptionCost = input.cost * share;
  const fixed = splitByWeights(input.cost - consumptionCost, input.units.map((u) => ({ id: u.id, weight: u.fixedKey })));
  const byConsumption = splitByWeights(consumptionCost, input.units.map((u) => ({ id: u.id, weight: u.consumption })));
  return input.units.map((u) => {
    const fixedPart = fixed.get(u.id)!;
    const consumptionPart = byConsumption.get(u.id)!;
    return { id: u.id, fixedPart, consumptionPart, total: fixedPart + consumptionPart };
  });
}

export interface UserInterval {
  id: string;
  first: LocalDate;
  last: LocalDate;
}

/**
 * Shares a unit's amount between its users by time within the period [first, last]: by calendar days
 * (warm water, or heating pro rata temporis) or by degree days (heating fixed costs, § 9b). The share is
 * part / whole of the period, not part / sum of parts: with truncated per-day tables the parts do not add
 * up to the whole (T2: 999.983 ‰) and the source divides by 1000.
 */
export function splitByTime(
  amount: number,
  users: readonly UserInterval[],
  period: { first: LocalDate; last: LocalDate },
  basis: 'days' | 'degreeDays',
  table: DegreeDayTable = DEGREE_DAY_TABLES.exact,
): Map<string, number> {
  const measure = (first: LocalDate, last: LocalDate) => (basis === 'days' ? daysInclusive(first, last) : degreeDays(first, last, table));
  const whole = measure(period.first, period.last);
  if (!(whole > 0)) throw new BillingError('VALUE_INVALID', `empty period ${period.first} .. ${period.last}`);
  return new Map(users.map((u) => [u.id, (amount * measure(u.first, u.last)) / whole]));
}
