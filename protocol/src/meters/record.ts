/** Builds records for values that drivers read from manufacturer payloads (offset and length 0: no DIF/VIF bytes). */
import type { DataRecord } from '../wmbus/types.js';

export interface DriverValue {
  quantity: string;
  description: string;
  value: number | string | null;
  unit: string;
  storage?: number;
  tariff?: number;
  /** The payload bytes the value was read from, as hex. */
  raw?: string;
}

/**
 * The date or date-time a record gives, if it is one a reading may use: a string value that the meter does
 * not mark invalid (IV bit, DataRecord.invalid). Every consumer that dates something from a record goes
 * through here, so an invalid clock never becomes a meter time, a due date or a history date.
 */
export function validTimePoint(r: DataRecord): string | undefined {
  return typeof r.value === 'string' && !r.invalid ? r.value : undefined;
}

export function driverRecord(v: DriverValue): DataRecord {
  return {
    offset: 0,
    length: 0,
    header: '',
    data: v.raw ?? '',
    storage: v.storage ?? 0,
    tariff: v.tariff ?? 0,
    subunit: 0,
    function: 'instantaneous',
    quantity: v.quantity,
    description: v.description,
    value: v.value,
    unit: v.unit,
    source: 'driver',
  };
}
