import type { MeterDriver } from '../../types.js';
import { PERIODIC_YEAR_127 } from '../../deviation-reasons.js';

/**
 * Sontex 868 electronic heat cost allocator: units now and at the set date, radiator and room temperature,
 * maximum radiator temperature this and the previous period. Record meanings:
 * wmbusmeters/wmbusmeters: drivers/src/sontex868.xmq. Its set date comes as a periodic date (every 1 July).
 */
export const sontex868: MeterDriver = {
  name: 'sontex868',
  description: 'Sontex 868 electronic heat cost allocator',
  manufacturerName: 'Sontex',
  kind: 'hca',
  detect: [{ manufacturer: 'SON', version: 0x16, deviceType: 0x08 }],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0, function: 'instantaneous' } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: 1 } },
    { name: 'radiator_temperature', match: { quantity: 'flow_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'room_temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'max_radiator_temperature', match: { quantity: 'flow_temperature', storage: 0, function: 'maximum' } },
    { name: 'max_radiator_temperature_previous_period', match: { quantity: 'flow_temperature', storage: 1, function: 'maximum' } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  fixtures: ['sontex868/'],
  deviations: {
    'sontex868/MyHeatCoster.json': { set_date: PERIODIC_YEAR_127 },
    'sontex868/MyHeatCoster_2.json': { set_date: PERIODIC_YEAR_127 },
  },
};
