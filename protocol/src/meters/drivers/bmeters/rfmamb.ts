import type { MeterDriver } from '../../types.js';

/** B meters RFM-AMB room sensor. Detection triples: drivers-table (wmbusmeters driver rfmamb). */
export const rfmamb: MeterDriver = {
  name: 'rfmamb',
  description: 'B meters RFM-AMB room sensor',
  manufacturerName: 'B METERS',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'BMT', version: 0x10, deviceType: 0x1b },
  ],
  fields: [
    { name: 'current_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'average_temperature_1h', match: { quantity: 'external_temperature', storage: 1 } },
    { name: 'average_temperature_24h', match: { quantity: 'external_temperature', storage: 2 } },
    { name: 'maximum_temperature_1h', match: { quantity: 'external_temperature', storage: 0, function: 'maximum' } },
    { name: 'minimum_temperature_1h', match: { quantity: 'external_temperature', storage: 0, function: 'minimum' } },
    { name: 'maximum_temperature_24h', match: { quantity: 'external_temperature', storage: 1, function: 'maximum' } },
    { name: 'minimum_temperature_24h', match: { quantity: 'external_temperature', storage: 1, function: 'minimum' } },
    { name: 'current_relative_humidity', match: { quantity: 'relative_humidity', storage: 0 } },
    { name: 'average_relative_humidity_1h', match: { quantity: 'relative_humidity', storage: 1 } },
    { name: 'average_relative_humidity_24h', match: { quantity: 'relative_humidity', storage: 2 } },
    { name: 'minimum_relative_humidity_1h', match: { quantity: 'relative_humidity', storage: 0, function: 'minimum' } },
    { name: 'maximum_relative_humidity_1h', match: { quantity: 'relative_humidity', storage: 0, function: 'maximum' } },
    { name: 'maximum_relative_humidity_24h', match: { quantity: 'relative_humidity', storage: 1, function: 'maximum' } },
    { name: 'minimum_relative_humidity_24h', match: { quantity: 'relative_humidity', storage: 1, function: 'minimum' } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  // TPL status as the RFM-AMB uses it (wmbusmeters/wmbusmeters: drivers/src/rfmamb.xmq)
  status: [
    {
      source: 'tpl_status',
      bits: {
      0x2: { flag: 'error', text: 'APP_ERROR' },
      0x4: { flag: 'battery_low', text: 'LOW_BATTERY' },
      0x8: { flag: 'removed', text: 'MODULE_REMOVED' },
      0x10: { flag: 'error', text: 'SENSOR_READ_ERROR' },
      0x20: { flag: 'error', text: 'TEMP_OUT_OF_RANGE' },
      0x40: { flag: 'error', text: 'RH_OUT_OF_RANGE' },
      },
    },
  ],
  fixtures: ['rfmamb/'],
};
