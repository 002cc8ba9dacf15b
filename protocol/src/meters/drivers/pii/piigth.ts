import type { MeterDriver } from '../../types.js';

/** PiiGAB temperature/humidity sensor: current values and averages. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/piigth.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const piigth: MeterDriver = {
  name: 'piigth',
  description: 'PiiGAB temperature/humidity sensor',
  manufacturerName: 'PiiGAB',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'PII', version: 0x01, deviceType: 0x1b },
  ],
  fields: [
    { name: 'temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'humidity', match: { quantity: 'relative_humidity', storage: 0, function: 'instantaneous' } },
    { name: 'average_temperature_1h', match: { quantity: 'external_temperature', storage: 1 } },
    { name: 'average_humidity_1h', match: { quantity: 'relative_humidity', storage: 1 } },
  ],
  fixtures: ['piigth/'],
};
