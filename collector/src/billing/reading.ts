/**
 * Reading kinds and the Reading record the billing core passes around.
 *
 * Kinds follow eddi24's determination kinds (billing-domain.md § 7.1, [SEED-EDDI]); each maps to an ARGE
 * table-S reading flag (§ 7.2, [ARGENET]) so a D-record exporter needs no remodelling (§ 8.2 derived).
 */
import type { LocalDate } from './calendar.js';

export const READING_KINDS = ['A', 'ZA', 'B', 'H1', 'H2', 'H3', 'H4', 'H5', 'D6', 'D7'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];
export type HistoricKind = 'H1' | 'H2' | 'H3' | 'H4' | 'H5';

export const READING_KIND_MEANING: Record<ReadingKind, string> = {
  A: 'Ablesung: reading at the period end (property-level meters are always A)',
  ZA: 'Zwischenablesung: interim reading at a tenant change',
  B: 'computed: by degree days for heat meters and HCAs, by days for water meters',
  H1: 'estimate: mean of the same meter over the last period',
  H2: 'estimate: mean of the same meter over the last 2 periods',
  H3: 'estimate: mean of the same meter over the last 3 periods',
  H4: 'estimate: mean of the same meter over the last 4 periods',
  H5: 'estimate: mean of the same meter over the last 5 periods',
  D6: 'estimate: average of meters of the same type, current period',
  D7: 'estimate: average of meters of the same type in the same room, current period',
};

/** What the meter measures; decides degree days vs days for computed values (§ 1.9, [SEED-EDDI] "B"). */
export type MeterType = 'heat' | 'hca' | 'warmWater' | 'coldWater';

export function isEstimate(kind: ReadingKind): boolean {
  return kind !== 'A' && kind !== 'ZA';
}

/** How a computed value was split: by degree days or by calendar days. */
export type SplitBasis = 'degreeDays' | 'days';

export function splitBasisFor(meterType: MeterType): SplitBasis {
  return meterType === 'heat' || meterType === 'hca' ? 'degreeDays' : 'days';
}

/**
 * ARGE table S code for a reading kind (§ 7.2 mapping, derived): A → 11, ZA → 12, B → 13 (by days) or 14
 * (by degree days), H1..H5 → 07 (02 when only the previous year is used, i.e. H1), D6 → 08, D7 → 15.
 */
export function argeReadingFlag(kind: ReadingKind, basis?: SplitBasis): string {
  switch (kind) {
    case 'A':
      return '11';
    case 'ZA':
      return '12';
    case 'B':
      return basis === 'days' ? '13' : '14';
    case 'H1':
      return '02';
    case 'D6':
      return '08';
    case 'D7':
      return '15';
    default:
      return '07';
  }
}

/**
 * A meter value as billing uses it: the value at the end of `date` (Europe/Berlin, § 4).
 * `telegramIds` lists the stored telegrams the value came from (several for computed values), for audit.
 * For meters that reset at their due date, `sinceReset` is the due date from whose end the value counts.
 */
export interface Reading {
  meterId: string;
  kind: ReadingKind;
  value: number;
  date: LocalDate;
  telegramIds: readonly string[];
  sinceReset?: LocalDate;
  /** For kind B: degree days or days. */
  basis?: SplitBasis;
  /** When the value was actually observed (epoch ms), if it differs from the end of `date`. */
  observedAt?: number;
}

/** Status bits a decoder reported with a value (TPL status and manufacturer flags, billing-domain.md § 9). */
export interface MeterStatus {
  batteryLow?: boolean;
  tamper?: boolean;
  leak?: boolean;
  reverseFlow?: boolean;
  error?: boolean;
}

/** A current value (storage 0) decoded from one telegram, observed at an instant. */
export interface MeterSample {
  value: number;
  /** epoch ms of reception or of the meter's own clock */
  at: number;
  telegramId: string;
  status?: MeterStatus;
}

/**
 * Master data of a meter that the telegram does not carry (§ 5.2, § 5.3 gap): whether it resets at its
 * due date, which day that is, and for HCAs whether it is evaporative (no remote reading, 400–800 ‰ rule).
 */
export interface MeterInfo {
  meterId: string;
  type: MeterType;
  /** Electronic HCAs usually reset to 0 at the due date ([EAD-LEIPZIG], [CO2ONLINE]); meters count on. */
  resetsAtDueDate: boolean;
  /** Due day of every year as 'MM-DD', e.g. '12-31'. */
  dueDate?: string;
  hcaPrinciple?: 'evaporative' | 'electronic';
}

/**
 * A value the meter stored for the end of a day: the due-date value (storage 1 with its set date) or a
 * monthly history slot. Slots labelled with the first of the next month must be converted with
 * `readingDateOfStartOfDayLabel` first ([WMB-WSTARM], § 4).
 */
export interface StoredValue {
  value: number;
  date: LocalDate;
  telegramId: string;
  source: 'dueDate' | 'history';
}

/** Everything known about one meter's values; all arrays may be empty. */
export interface MeterValues {
  meterId: string;
  samples: readonly MeterSample[];
  stored: readonly StoredValue[];
}
