import type { MeterDriver } from '../../types.js';

/** Weptech Munia temperature/humidity sensor. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/munia.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const munia: MeterDriver = {
  name: 'munia',
  description: 'Weptech Munia temperature/humidity sensor',
  manufacturerName: 'Weptech',
  kind: 'room sensor',
  detect: [
    { manufacturer: 'WEP', version: 0x02, deviceType: 0x1b },
    { manufacturer: 'WEP', version: 0x04, deviceType: 0x1b },
  ],
  fields: [
    { name: 'temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'humidity', match: { quantity: 'relative_humidity', storage: 0, function: 'instantaneous' } },
  ],
  fixtures: ['munia/'],
};
