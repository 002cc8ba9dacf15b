import type { MeterDriver } from '../../types.js';

/** Itron water meters: total and set-date volume with dates. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/itron.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const itron: MeterDriver = {
  name: 'itron',
  description: 'Itron Cyble / Intelis water meter',
  manufacturerName: 'Itron',
  kind: 'water',
  detect: [
    { manufacturer: 'ITW', version: 0x00, deviceType: 0x07 },
    { manufacturer: 'ITW', version: 0x03, deviceType: 0x07 },
    { manufacturer: 'ITW', version: 0x33, deviceType: 0x07 },
    { manufacturer: 'ITW', version: 0x00, deviceType: 0x16 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'volume', storage: 1, tariff: 0, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_backward', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
    { name: 'flow', match: { quantity: 'volume_flow', storage: 0 } },
  ],
  fixtures: ['itron/'],
};
