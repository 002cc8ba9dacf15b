/**
 * § 9 HeizkostenV: the warm-water share of a combined heating/warm-water system (billing-domain.md § 1.7).
 * Q should be measured by a heat meter; only where that is unreasonable Q = 2.5 × V × (t_w − 10 °C), and
 * without volume Q = 32 kWh/m² × area, pro rata ([HKV-2009], [HAUFE-9-32]). The joint costs are split by
 * the shares of energy; heating gets the rest.
 */
import type { LocalDate } from './calendar.js';
import { BillingError } from './errors.js';
import { legalValue } from './legal-parameters.js';

function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new BillingError('VALUE_INVALID', `${name} = ${value}`);
}

/** Q in kWh from the warm-water volume V (m³) and mean temperature t_w (°C, default 60 [HAUFE-9-F]). */
export function warmWaterHeatFromVolume(volumeM3: number, date: LocalDate, meanTemperatureC?: number): number {
  requireNonNegative('volume', volumeM3);
  const tw = meanTemperatureC ?? legalValue('defaultWarmWaterTemperature', date);
  const reference = legalValue('coldWaterReferenceTemperature', date);
  if (!(tw > reference)) throw new BillingError('VALUE_INVALID', `warm-water temperature ${tw} °C not above ${reference} °C`);
  return legalValue('warmWaterHeatCoefficient', date) * volumeM3 * (tw - reference);
}

/** Q in kWh from the area supplied with warm water, pro rata for a period shorter than a year ([HAUFE-9-32]). */
export function warmWaterHeatFromArea(areaM2: number, date: LocalDate, periodDays?: number, yearDays?: number): number {
  requireNonNegative('area', areaM2);
  const fraction = periodDays !== undefined && yearDays !== undefined ? periodDays / yearDays : 1;
  return legalValue('warmWaterHeatPerArea', date) * areaM2 * fraction;
}

export interface HeatSupplyAdjustment {
  /** gas billed on gross calorific value: × 1.11 */
  gasGrossCalorific?: boolean;
  /** commercial heat supply (district heat): ÷ 1.15 */
  commercialHeat?: boolean;
  /** monovalent heat pump: × 0.30, only for periods from 01.10.2024 */
  monovalentHeatPump?: boolean;
}

/** Applies the § 9 Abs. 2 correction factors valid at `date` to a formula Q. */
export function adjustWarmWaterHeat(q: number, date: LocalDate, supply: HeatSupplyAdjustment): number {
  let adjusted = q;
  if (supply.gasGrossCalorific) adjusted *= legalValue('gasGrossCalorificFactor', date);
  if (supply.commercialHeat) adjusted /= legalValue('commercialHeatDivisor', date);
  if (supply.monovalentHeatPump) adjusted *= legalValue('monovalentHeatPumpFactor', date);
  return adjusted;
}

/** Default net calorific values H_i (§ 9 Abs. 3, [HKV-2009]); supplier values take precedence. */
export const DEFAULT_NET_CALORIFIC_VALUES = {
  heatingOilEL: { value: 10, unit: 'kWh/l' },
  heavyOil: { value: 10.9, unit: 'kWh/l' },
  naturalGasH: { value: 10, unit: 'kWh/m³' },
  naturalGasL: { value: 9, unit: 'kWh/m³' },
  lpg: { value: 13, unit: 'kWh/kg' },
  coke: { value: 8, unit: 'kWh/kg' },
  lignite: { value: 5.5, unit: 'kWh/kg' },
  hardCoal: { value: 8, unit: 'kWh/kg' },
  wood: { value: 4.1, unit: 'kWh/kg' },
  pellets: { value: 5, unit: 'kWh/kg' },
  woodChips: { value: 650, unit: 'kWh/SRm' },
} as const;

/** Fuel used for warm water: B = Q / H_i ([HKV-2009] § 9 Abs. 3). */
export function fuelForWarmWater(qKwh: number, netCalorificValue: number): number {
  requireNonNegative('Q', qKwh);
  if (!(netCalorificValue > 0)) throw new BillingError('VALUE_INVALID', `H_i = ${netCalorificValue}`);
  return qKwh / netCalorificValue;
}

export interface WarmWaterCostSplit {
  /** warm-water share of the energy, 0..1 (as used, after optional rounding) */
  share: number;
  warmWaterCost: number;
  heatingCost: number;
}

/**
 * Splits joint costs by energy shares. `sharePercentDecimals` rounds the share in percent before multiplying,
 * only to reproduce third-party bills (Haufe rounds to 17.35 %, T6); by default nothing is rounded (T9 lesson).
 */
export function splitWarmWaterCosts(input: {
  totalCost: number;
  totalEnergyKwh: number;
  warmWaterEnergyKwh: number;
  sharePercentDecimals?: number;
}): WarmWaterCostSplit {
  requireNonNegative('total cost', input.totalCost);
  requireNonNegative('warm-water energy', input.warmWaterEnergyKwh);
  if (!(input.totalEnergyKwh > 0) || input.warmWaterEnergyKwh > input.totalEnergyKwh) {
    throw new BillingError('VALUE_INVALID', `warm-water energy ${input.warmWaterEnergyKwh} of ${input.totalEnergyKwh} kWh`);
  }
  let share = input.warmWaterEnergyKwh / input.totalEnergyKwh;
  if (input.sharePercentDecimals !== undefined) {
    const scale = 10 ** input.sharePercentDecimals;
    share = Math.round(share * 100 * scale) / scale / 100;
  }
  const warmWaterCost = input.totalCost * share;
  return { share, warmWaterCost, heatingCost: input.totalCost - warmWaterCost };
}
