import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord, validTimePoint } from '../../record.js';
import { monthEndBefore } from '../../reading.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * Set-date energies come at storage 1 (with its date) and every other storage 3..31 without dates; storage s
 * is the month end s - 1 months before the storage-1 date (as wmbusmeters dates them:
 * drivers/src/microclima.xmq). The temperature difference arrives in K; it is also given in °C.
 */
function decodeMicroclima(t: DecodedTelegram): DriverExtra {
  const records = [];
  const diff = t.records.find((r) => r.quantity === 'temperature_difference' && r.storage === 0 && r.unit === 'K' && typeof r.value === 'number');
  if (diff) records.push(driverRecord({ quantity: 'temperature_difference', description: 'flow minus return temperature', value: diff.value, unit: '°C', raw: diff.data }));
  const ref = t.records.find((r) => r.quantity === 'date' && r.storage === 1 && validTimePoint(r) !== undefined);
  if (ref) {
    for (const r of t.records) {
      if (r.quantity === 'energy' && r.storage > 1 && r.storage <= 31) {
        records.push(driverRecord({ quantity: 'date', description: 'set date (derived)', value: monthEndBefore(ref.value as string, r.storage - 1), unit: 'date', storage: r.storage }));
      }
    }
  }
  return { records };
}

/** Maddalena Microclima heat meter: standard records, set-date history dated from storage 1. */
export const microclima: MeterDriver = {
  name: 'microclima',
  description: 'Maddalena Microclima heat meter',
  manufacturerName: 'Maddalena',
  kind: 'heat',
  detect: [{ manufacturer: 'MAD', version: 0x00, deviceType: 0x04 }],
  fields: [
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0 } },
    { name: 'total_volume', match: { quantity: 'volume', storage: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'power', match: { quantity: 'power', storage: 0 } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0, header: '' } },
    { name: 'consumption_at_set_date', match: { quantity: 'energy', storage: [1, 31] }, series: true },
    { name: 'set_date', match: { quantity: 'date', storage: [1, 31] }, series: true },
  ],
  decode: decodeMicroclima,
  fixtures: ['microclima/'],
};
