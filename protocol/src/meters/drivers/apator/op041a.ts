import type { MeterDriver } from '../../types.js';

/** Apator OP-041A water meter. Detection triples: drivers-table (wmbusmeters driver op041a). */
export const op041a: MeterDriver = {
  name: 'op041a',
  description: 'Apator OP-041A water meter',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [
    { manufacturer: 'APA', version: 0x1a, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  fixtures: ['op041a/'],
};
