/**
 * Legal and technical parameters as versioned data (billing-domain.md § 2): every number has a validity
 * interval, so a billing run can record which values it used and old periods bill with old rules.
 * "2009 text" values carry the date of the HeizkostenV Neufassung (05.10.2009, [HKV-2009]) as their start:
 * the rules are older, but that is the text the sources cite.
 */
import { compareDates, type LocalDate } from './calendar.js';
import { BillingError } from './errors.js';

export interface LegalParameter {
  name: LegalParameterName;
  value: number;
  unit: string;
  validFrom: LocalDate;
  /** Last day of validity, inclusive; absent while valid. */
  validTo?: LocalDate;
  rule: string;
  source: string;
  note?: string;
}

export type LegalParameterName =
  | 'heatingConsumptionShareMin'
  | 'heatingConsumptionShareMax'
  | 'warmWaterConsumptionShareMin'
  | 'warmWaterConsumptionShareMax'
  | 'premeteringMinimumShare'
  | 'warmWaterHeatCoefficient'
  | 'coldWaterReferenceTemperature'
  | 'defaultWarmWaterTemperature'
  | 'warmWaterHeatPerArea'
  | 'gasGrossCalorificFactor'
  | 'commercialHeatDivisor'
  | 'monovalentHeatPumpFactor'
  | 'estimatedAreaLimit'
  | 'evaporativeInterimMinPermille'
  | 'evaporativeInterimMaxPermille'
  | 'cutNotByConsumption'
  | 'cutNoRemoteEquipment'
  | 'cutMissingConsumptionInformation'
  | 'lowHeatDemandExemption'
  | 'buildingWaterBalanceTolerance'
  | 'calibrationYearsColdWater'
  | 'calibrationYearsWarmWaterAndHeat';

const HKV_2009: LocalDate = '2009-10-05';

export const LEGAL_PARAMETERS: readonly LegalParameter[] = [
  { name: 'heatingConsumptionShareMin', value: 0.5, unit: 'share', validFrom: HKV_2009, rule: '§ 7 Abs. 1', source: '[RA-7], [HKV-2009]' },
  { name: 'heatingConsumptionShareMax', value: 0.7, unit: 'share', validFrom: HKV_2009, rule: '§ 7 Abs. 1', source: '[RA-7], [HKV-2009]', note: 'contractual shares above 70 % stay valid (§ 10)' },
  { name: 'warmWaterConsumptionShareMin', value: 0.5, unit: 'share', validFrom: HKV_2009, rule: '§ 8', source: '[HKV-2009]' },
  { name: 'warmWaterConsumptionShareMax', value: 0.7, unit: 'share', validFrom: HKV_2009, rule: '§ 8', source: '[HKV-2009]' },
  { name: 'premeteringMinimumShare', value: 0.5, unit: 'share', validFrom: HKV_2009, rule: '§ 5/§ 6 (numbering changed 2021)', source: '[HKV-2009], [DEUBNER-6]' },
  { name: 'warmWaterHeatCoefficient', value: 2.5, unit: 'kWh/(m³·K)', validFrom: HKV_2009, rule: '§ 9 Abs. 2', source: '[HKV-2009]' },
  { name: 'coldWaterReferenceTemperature', value: 10, unit: '°C', validFrom: HKV_2009, rule: '§ 9 Abs. 2', source: '[HKV-2009]' },
  { name: 'defaultWarmWaterTemperature', value: 60, unit: '°C', validFrom: HKV_2009, rule: '§ 9 Abs. 2 (practice)', source: '[HAUFE-9-F], [SEED-CASAMETA]' },
  { name: 'warmWaterHeatPerArea', value: 32, unit: 'kWh/(m²·a)', validFrom: HKV_2009, rule: '§ 9 Abs. 2', source: '[HKV-2009], [HAUFE-9-32]' },
  { name: 'gasGrossCalorificFactor', value: 1.11, unit: 'factor', validFrom: HKV_2009, rule: '§ 9 Abs. 2', source: '[HKV-2009]' },
  { name: 'commercialHeatDivisor', value: 1.15, unit: 'divisor', validFrom: HKV_2009, rule: '§ 9 Abs. 2', source: '[HKV-2009]' },
  { name: 'monovalentHeatPumpFactor', value: 0.3, unit: 'factor', validFrom: '2024-10-01', rule: '§ 9 Abs. 2', source: '[HAUFE-9-32]' },
  { name: 'estimatedAreaLimit', value: 0.25, unit: 'share', validFrom: HKV_2009, rule: '§ 9a Abs. 2', source: '[HKV-2009]' },
  { name: 'evaporativeInterimMinPermille', value: 400, unit: '‰', validFrom: HKV_2009, rule: 'bved guideline, § 9b practice', source: '[SEED-ISTA], [MAW]' },
  { name: 'evaporativeInterimMaxPermille', value: 800, unit: '‰', validFrom: HKV_2009, rule: 'bved guideline, § 9b practice', source: '[SEED-ISTA], [MAW]' },
  { name: 'cutNotByConsumption', value: 0.15, unit: 'share', validFrom: HKV_2009, rule: '§ 12 Abs. 1', source: '[ANWALT24-12]' },
  { name: 'cutNoRemoteEquipment', value: 0.03, unit: 'share', validFrom: '2021-12-01', rule: '§ 12', source: '[ANWALT24-12]' },
  { name: 'cutMissingConsumptionInformation', value: 0.03, unit: 'share', validFrom: '2021-12-01', rule: '§ 12 (§ 6a breach)', source: '[ANWALT24-12]' },
  { name: 'lowHeatDemandExemption', value: 15, unit: 'kWh/(m²·a)', validFrom: HKV_2009, rule: '§ 11', source: '[HKV-2009]' },
  { name: 'buildingWaterBalanceTolerance', value: 0.2, unit: 'share', validFrom: HKV_2009, rule: 'commentary', source: 'Denk/Westner via [HAUFE-WWZ]' },
  { name: 'calibrationYearsColdWater', value: 6, unit: 'years', validFrom: HKV_2009, rule: 'MessEV', source: '[LIKKA], [EICH-SN]' },
  {
    name: 'calibrationYearsWarmWaterAndHeat',
    value: 5,
    unit: 'years',
    validFrom: HKV_2009,
    validTo: '2021-11-02',
    rule: 'MessEV',
    source: '[DEBUS], [ISTA-EICH]',
  },
  {
    name: 'calibrationYearsWarmWaterAndHeat',
    value: 6,
    unit: 'years',
    validFrom: '2021-11-03',
    rule: 'MessEV (3rd amendment)',
    source: '[LIKKA], [EICH-SN]',
    note: 'conflict: whether it applies to devices already installed is unsettled (billing-domain.md § 9)',
  },
];

/** The parameter valid at `date`; PARAMETER_UNKNOWN if none (e.g. the heat-pump factor before 01.10.2024). */
export function legalParameter(name: LegalParameterName, date: LocalDate, table: readonly LegalParameter[] = LEGAL_PARAMETERS): LegalParameter {
  const found = table.find(
    (p) => p.name === name && compareDates(p.validFrom, date) <= 0 && (p.validTo === undefined || compareDates(date, p.validTo) <= 0),
  );
  if (!found) throw new BillingError('PARAMETER_UNKNOWN', `${name} at ${date}`);
  return found;
}

export function legalValue(name: LegalParameterName, date: LocalDate, table?: readonly LegalParameter[]): number {
  return legalParameter(name, date, table).value;
}
