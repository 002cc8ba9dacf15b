/**
 * Manufacturer-specific VIFs (7F/FF + VIFE, and standard VIFs extended by a manufacturer VIFE) are kept raw by
 * the record parser. A driver says, as data, what they mean for its meter; `remapRecords` turns them into
 * ordinary records with a quantity and a unit, keeping storage, tariff, subunit and the raw bytes.
 */
import type { DataRecord } from '../wmbus/types.js';

export interface RemapRule {
  /** The end of the record header after the DIF/DIFEs: VIF and VIFEs as uppercase hex, e.g. "FF07", "EEFF07". */
  vif: string;
  /** Only records of this subunit (meters that put another quantity in a subunit, e.g. reactive energy). */
  subunit?: number;
  /** Only records the parser gave this quantity. */
  from?: string;
  quantity: string;
  description: string;
  unit: string;
  /** value × factor gives the value in `unit` (default 1). */
  factor?: number;
}

/** Records the rules give a meaning to; records no rule matches are left out. */
export function remapRecords(records: readonly DataRecord[], rules: readonly RemapRule[]): DataRecord[] {
  const out: DataRecord[] = [];
  for (const r of records) {
    if (typeof r.value !== 'number' && r.value !== null) continue;
    for (const rule of rules) {
      if (!r.header.endsWith(rule.vif)) continue;
      if ((rule.subunit !== undefined && r.subunit !== rule.subunit) || (rule.from !== undefined && r.quantity !== rule.from)) continue;
      const value = r.value === null ? null : r.value * (rule.factor ?? 1);
      const mapped: DataRecord = { ...r, quantity: rule.quantity, description: rule.description, unit: rule.unit, value, source: 'driver' };
      // A rule keyed on the VIF(E)s makes them the meaning; a rule keyed on `from` keeps the VIFE modifiers.
      if (rule.from === undefined) delete mapped.modifiers;
      out.push(mapped);
      break;
    }
  }
  return out;
}

/**
 * Meters that report the flow/return temperature difference in K where the reference decoder shows it in °C:
 * the same number, as a °C record, so both spellings can be read.
 */
export function temperatureDifferenceInCelsius(records: readonly DataRecord[]): DataRecord[] {
  const out: DataRecord[] = [];
  for (const r of records) {
    if (r.quantity === 'temperature_difference' && r.unit === 'K' && typeof r.value === 'number') out.push({ ...r, unit: '°C', source: 'driver' });
  }
  return out;
}
