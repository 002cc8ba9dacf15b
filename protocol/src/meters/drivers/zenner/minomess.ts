import type { MeterDriver } from '../../types.js';

/** Zenner Minomess water meter. Detection triples: drivers-table (wmbusmeters driver minomess). */
export const minomess: MeterDriver = {
  name: 'minomess',
  description: 'Zenner Minomess water meter',
  manufacturerName: 'Zenner',
  kind: 'water',
  detect: [
    { manufacturer: 'ZRI', version: 0x00, deviceType: 0x07 },
    { manufacturer: 'ZRI', version: 0x01, deviceType: 0x16 },
    { manufacturer: 'ZRI', version: 0x01, deviceType: 0x06 },
  ],
  fields: [
    { name: 'meter_date', match: { quantity: 'date', storage: 0 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 8 } },
    { name: 'target', match: { quantity: 'volume', storage: 8, plain: true } },
  ],
  fixtures: ['minomess/'],
};
