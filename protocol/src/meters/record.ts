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
