import type { MeterDriver } from '../../types.js';

/** Lansen temperature/humidity sensor: current values and averages (storages 1, 2). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansenth.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const lansenth: MeterDriver = {
  name: 'lansenth',
  description: 'Lansen temperature and humidity sensor',
  manufacturerName: 'Lansen',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'LAS', version: 0x07, deviceType: 0x1b },
    { manufacturer: 'LAS', version: 0x09, deviceType: 0x1b },
  ],
  fields: [
    { name: 'temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'humidity', match: { quantity: 'relative_humidity', storage: 0, function: 'instantaneous' } },
    { name: 'average_temperature_1h', match: { quantity: 'external_temperature', storage: 1 } },
    { name: 'average_temperature_24h', match: { quantity: 'external_temperature', storage: 2 } },
  ],
  fixtures: ['lansenth/'],
};
