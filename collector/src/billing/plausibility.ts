/**
 * Plausibility flags for the reading pipeline (billing-domain.md § 9). Flags are findings for a person to
 * look at; nothing here changes or drops a value.
 */
import { berlinDateOf, endOfDay, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';
import { legalValue } from './legal-parameters.js';
import type { MeterInfo, MeterSample, MeterStatus, Reading, StoredValue } from './reading.js';
import { isDueDate, resetBefore } from './reset.js';
import { dateQuality } from './value-lookup.js';

export type PlausibilityCode =
  | 'VALUE_DECREASED'
  | 'IMPLAUSIBLE_JUMP'
  | 'METER_SILENT'
  | 'BATTERY_LOW'
  | 'TAMPER'
  | 'LEAK'
  | 'REVERSE_FLOW'
  | 'ERROR_STATE'
  | 'READING_DATE_FAR'
  | 'SET_DATE_MISMATCH'
  | 'BUILDING_BALANCE';

export interface PlausibilityFlag {
  code: PlausibilityCode;
  meterId: string;
  /** epoch ms of the sample that raised the flag, when it comes from a sample */
  at?: number;
  telegramIds: readonly string[];
  detail: string;
}

export interface SeriesCheckOptions {
  /**
   * Largest believable increase per day in the meter's unit. No public source gives limits (gap), so the
   * caller sets one per meter type; without it no jump check runs.
   */
  maxIncreasePerDay?: number;
  /** Flag gaps between values (and since the last value, with `now`) longer than this many days. */
  silentDays?: number;
  /** epoch ms "now", for the silence check after the last value */
  now?: number;
}

const DAY_MS = 86_400_000;

const STATUS_CODES: ReadonlyArray<[keyof MeterStatus, PlausibilityCode, string]> = [
  // TPL status bit 2 power low [WMB-TPL]; BATTERY flags [WMB-HCAE2]
  ['batteryLow', 'BATTERY_LOW', 'battery low'],
  // SABOTAGE [WMB-HCAE2], MANIPULATION [WMB-WSTARM], fraud flags [WMB-IZAR]
  ['tamper', 'TAMPER', 'tamper or manipulation reported'],
  // LEAKAGE_OR_NO_USAGE [WMB-WSTARM], leakage [WMB-IZAR]
  ['leak', 'LEAK', 'leakage reported'],
  // REVERSE_FLOW / back-flow [WMB-WSTARM], [WMB-IZAR]
  ['reverseFlow', 'REVERSE_FLOW', 'reverse flow reported'],
  // TPL status bits 0–1, 3, 4 [WMB-TPL]
  ['error', 'ERROR_STATE', 'meter reports an error state'],
];

/**
 * Checks one meter's current values in time order: decreases (expected only across a resetting meter's due
 * date, § 5.2 [EAD-LEIPZIG], [IMMOSW-NKUM]; otherwise replacement, rollover, wrong assignment or error [ESK]),
 * jumps, silence, and status flags (one flag where a status starts, not for every telegram while it lasts).
 */
export function checkSeries(meter: MeterInfo, samples: readonly MeterSample[], options: SeriesCheckOptions = {}): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  const sorted = samples.filter((s) => Number.isFinite(s.value) && Number.isFinite(s.at)).sort((a, b) => a.at - b.at);
  const epoch = (s: MeterSample) => (meter.resetsAtDueDate && meter.dueDate ? resetBefore(berlinDateOf(s.at), meter.dueDate) : undefined);
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i];
    const previous = sorted[i - 1];
    for (const [field, code, text] of STATUS_CODES) {
      if (current.status?.[field] && !previous?.status?.[field]) {
        flags.push({ code, meterId: meter.meterId, at: current.at, telegramIds: [current.telegramId], detail: text });
      }
    }
    if (!previous) continue;
    const ids = [previous.telegramId, current.telegramId];
    const elapsedDays = (current.at - previous.at) / DAY_MS;
    if (options.silentDays !== undefined && elapsedDays > options.silentDays) {
      flags.push({ code: 'METER_SILENT', meterId: meter.meterId, at: current.at, telegramIds: ids, detail: `no value for ${elapsedDays.toFixed(1)} days` });
    }
    const resetBetween = epoch(previous) !== epoch(current);
    if (current.value < previous.value) {
      if (!resetBetween) {
        flags.push({ code: 'VALUE_DECREASED', meterId: meter.meterId, at: current.at, telegramIds: ids, detail: `${previous.value} → ${current.value}` });
      }
      continue;
    }
    // After a reset the increase is counted from 0, so the jump check needs no special case.
    const increase = resetBetween ? current.value : current.value - previous.value;
    if (options.maxIncreasePerDay !== undefined && increase > options.maxIncreasePerDay * Math.max(elapsedDays, 1)) {
      flags.push({
        code: 'IMPLAUSIBLE_JUMP',
        meterId: meter.meterId,
        at: current.at,
        telegramIds: ids,
        detail: `+${increase} in ${elapsedDays.toFixed(2)} days, limit ${options.maxIncreasePerDay}/day`,
      });
    }
  }
  const last = sorted[sorted.length - 1];
  if (options.silentDays !== undefined && options.now !== undefined && last && (options.now - last.at) / DAY_MS > options.silentDays) {
    flags.push({ code: 'METER_SILENT', meterId: meter.meterId, at: last.at, telegramIds: [last.telegramId], detail: `silent since ${berlinDateOf(last.at)}` });
  }
  if (options.silentDays !== undefined && options.now !== undefined && !last) {
    flags.push({ code: 'METER_SILENT', meterId: meter.meterId, telegramIds: [], detail: 'no value received' });
  }
  return flags;
}

/** Observation more than 31 days from the date it stands for ([EDDI-UEB], § 9 tolerance tiers). */
export function checkReadingDate(reading: Reading): PlausibilityFlag[] {
  if (reading.observedAt === undefined) return [];
  const offsetMs = reading.observedAt - endOfDay(reading.date);
  if (dateQuality(offsetMs) !== 'far') return [];
  return [
    {
      code: 'READING_DATE_FAR',
      meterId: reading.meterId,
      at: reading.observedAt,
      telegramIds: reading.telegramIds,
      detail: `observed ${(Math.abs(offsetMs) / DAY_MS).toFixed(1)} days from ${reading.date}`,
    },
  ];
}

/** The storage-1 (set) date should be the configured due date ([BFW-GOHL]; § 9 "Set-date sanity", derived). */
export function checkSetDate(meter: MeterInfo, stored: readonly StoredValue[]): PlausibilityFlag[] {
  if (!meter.dueDate) return [];
  return stored
    .filter((s) => s.source === 'dueDate' && !isDueDate(s.date, meter.dueDate!))
    .map((s) => ({ code: 'SET_DATE_MISMATCH' as const, meterId: meter.meterId, telegramIds: [s.telegramId], detail: `set date ${s.date}, due date --${meter.dueDate}` }));
}

/**
 * Main water meter vs the sum of unit meters: they never match exactly, but the difference should stay
 * within 20 % (Denk/Westner via [HAUFE-WWZ]; [BVED-WASSER]). Relative to the main meter.
 */
export function checkBuildingBalance(
  mainMeterId: string,
  mainConsumption: number,
  unitConsumptions: readonly number[],
  periodStart: LocalDate,
): PlausibilityFlag[] {
  const tolerance = legalValue('buildingWaterBalanceTolerance', periodStart);
  if (!(mainConsumption > 0)) throw new BillingError('VALUE_INVALID', `main meter consumption ${mainConsumption}`);
  const units = unitConsumptions.reduce((sum, c) => sum + c, 0);
  const difference = (mainConsumption - units) / mainConsumption;
  if (Math.abs(difference) <= tolerance) return [];
  return [{ code: 'BUILDING_BALANCE', meterId: mainMeterId, telegramIds: [], detail: `units differ from main meter by ${(difference * 100).toFixed(1)} %` }];
}
