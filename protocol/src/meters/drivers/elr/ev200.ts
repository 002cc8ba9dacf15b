import type { MeterDriver } from '../../types.js';

/** EV200 water meter. Detection triples: drivers-table (wmbusmeters driver ev200). */
export const ev200: MeterDriver = {
  name: 'ev200',
  description: 'EV200 water meter',
  manufacturerName: 'ELR',
  kind: 'water',
  detect: [
    { manufacturer: 'ELR', version: 0x0d, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
  ],
  fixtures: ['ev200/'],
};
