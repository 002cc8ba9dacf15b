/**
 * Shapes for handing billing results to other systems without remodelling (billing-domain.md § 8.2 derived):
 * ARGE table-E unit codes ([ARGENET], § 7.3) and one consumption entry in the shape of the ARGE/bved EED
 * consumption web service v1.2.1 ([ARGE-CONS], § 8.2).
 */
import { BillingError } from './errors.js';
import type { MeterType, ReadingKind } from './reading.js';

/** ARGE table E units (§ 7.3). */
export const ARGE_UNITS = {
  GJ: '001',
  MWh: '002',
  m3: '003',
  kcal: '004',
  kWh: '005',
  m2LivingArea: '010',
  m2HeatedArea: '011',
  m3EnclosedVolume: '012',
  m3HeatedEnclosedVolume: '014',
  coOwnershipShare: '016',
  m2UsableArea: '017',
  meter: '021',
  flat: '022',
  consumptionUnits: '030',
  consumptionValues: '031',
  strokes: '032',
  personMonths: '034',
  persons: '035',
  percent: '040',
  years: '041',
  months: '042',
  days: '043',
  degreeDays: '044',
  permilleShares: '045',
  smokeAlarms: '046',
} as const;

export type ArgeService = 'HEATING' | 'HOT_WATER' | 'COOLING' | 'COLD_WATER';
export type ArgeUnitOfMeasure = 'KWH' | 'HCU' | 'M3';
export type ArgeRemark = 'PARTLY_ESTIMATED' | 'INCOMPLETE' | 'NO_RADIO_EQUIPMENT' | 'IMPLAUSIBLE_VALUES' | 'CALC_NOT_POSSIBLE' | 'ERROR';

export interface ArgeConsumption {
  service: ArgeService;
  unitofmeasure: ArgeUnitOfMeasure;
  amount: number;
  /** true when HCU or m³ were converted to kWh; the conversion itself is a gap of the ordinance (§ 1.4) */
  converted: boolean;
  estimated: boolean;
  remarks: ArgeRemark[];
}

const SERVICE_AND_UNIT: Record<MeterType, [ArgeService, ArgeUnitOfMeasure]> = {
  heat: ['HEATING', 'KWH'],
  hca: ['HEATING', 'HCU'],
  warmWater: ['HOT_WATER', 'M3'],
  coldWater: ['COLD_WATER', 'M3'],
};

/**
 * One consumption entry from a consumption and the kinds of its boundary readings. Kinds other than A and
 * ZA were not read: all boundaries unread → estimated; some → PARTLY_ESTIMATED (derived mapping).
 */
export function argeConsumption(
  meterType: MeterType,
  amount: number,
  boundaryKinds: readonly ReadingKind[],
  extraRemarks: readonly ArgeRemark[] = [],
): ArgeConsumption {
  if (!Number.isFinite(amount)) throw new BillingError('VALUE_INVALID', `amount ${amount}`);
  const [service, unitofmeasure] = SERVICE_AND_UNIT[meterType];
  const unread = boundaryKinds.filter((k) => k !== 'A' && k !== 'ZA').length;
  const estimated = boundaryKinds.length > 0 && unread === boundaryKinds.length;
  const remarks = new Set<ArgeRemark>(extraRemarks);
  if (unread > 0 && !estimated) remarks.add('PARTLY_ESTIMATED');
  return { service, unitofmeasure, amount, converted: false, estimated, remarks: [...remarks] };
}
