import type { MeterDriver } from '../../types.js';
import { PERIODIC_YEAR_127 } from '../../deviation-reasons.js';

/**
 * Kaden electronic heat cost allocator (C10/D10, sold by Ecomess/Kaden in Germany): units now and at the set
 * date, radiator surface and corrected room temperature, and how long the meter was off the radiator.
 * Record meanings and error bits: wmbusmeters/wmbusmeters: drivers/src/kaden.xmq (ERROR_FLAGS lookup,
 * difvifkeys 0475 / 4475 / 0474). The set date is sent as a periodic date (every 1 January).
 */
export const kaden: MeterDriver = {
  name: 'kaden',
  description: 'Kaden electronic heat cost allocator',
  manufacturerName: 'Kaden / Ecomess',
  kind: 'hca',
  detect: [{ manufacturer: 'VIP', version: 0x1e, deviceType: 0x08 }],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'room_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'radiator_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'no_measurement_duration', match: { header: '0475' } },
    { name: 'no_measurement_duration_last_year', match: { header: '4475' } },
    { name: 'tampering_duration', match: { header: '0474' } },
    { name: 'fabrication_number', match: { quantity: 'fabrication_number' } },
  ],
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
        0x01: { flag: 'error', text: 'VOLTAGE_INTERRUPTED' },
        0x04: { flag: 'error', text: 'SENSOR_T2_OUTSIDE_MEASURING_RANGE' },
        0x08: { flag: 'tamper', text: 'TAMPERING' },
        0x20: { flag: 'error', text: 'SENSOR_T3_OUTSIDE_MEASURING_RANGE' },
      },
    },
  ],
  fixtures: ['kaden/KadenC10.json', 'kaden/KadenD10.json'],
  deviations: {
    'kaden/KadenC10.json': { target_date: PERIODIC_YEAR_127 },
    'kaden/KadenD10.json': { target_date: PERIODIC_YEAR_127 },
  },
};
