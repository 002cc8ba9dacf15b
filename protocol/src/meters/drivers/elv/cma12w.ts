import type { MeterDriver } from '../../types.js';

/** ELV CMa12w room thermometer: current and average temperature. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/cma12w.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const cma12w: MeterDriver = {
  name: 'cma12w',
  description: 'ELV CMa12w room thermometer',
  manufacturerName: 'ELV',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'ELV', version: 0x20, deviceType: 0x1b },
  ],
  fields: [
    { name: 'temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'humidity', match: { quantity: 'relative_humidity', storage: 0, function: 'instantaneous' } },
    { name: 'average_temperature_1h', match: { quantity: 'external_temperature', storage: 1 } },
  ],
  fixtures: ['cma12w/'],
};
