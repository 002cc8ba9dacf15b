import type { MeterDriver } from '../../types.js';

/** Diehl Aerius ultrasonic gas meter: volume at base conditions, flow, temperature, month-end value. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/aerius.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const aerius: MeterDriver = {
  name: 'aerius',
  description: 'Diehl Aerius gas meter',
  manufacturerName: 'Diehl Metering',
  kind: 'gas',
  detect: [
    { manufacturer: 'DME', version: 0x30, deviceType: 0x03 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'volume', storage: 1, tariff: 0, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_at_base_conditions', match: { quantity: 'volume', storage: 0, modifiers: ['value at base conditions'] } },
    { name: 'flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'temperature', match: { quantity: 'flow_temperature', storage: 0 } },
  ],
  fixtures: ['aerius/'],
};
