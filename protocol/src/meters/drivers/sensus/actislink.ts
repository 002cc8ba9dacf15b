import type { MeterDriver } from '../../types.js';

/** Sensus ActisLink radio module on a water meter; DES security mode 2 (decrypted by the core). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/actislink.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const actislink: MeterDriver = {
  name: 'actislink',
  description: 'Sensus ActisLink water meter radio module',
  manufacturerName: 'Sensus',
  kind: 'water',
  detect: [
    { manufacturer: 'ALK', version: 0x04, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'volume', storage: 1, tariff: 0, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  fixtures: ['actislink/'],
};
