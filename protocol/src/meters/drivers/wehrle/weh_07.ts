import type { MeterDriver } from '../../types.js';

/** Wehrle water meter. Detection triples: drivers-table (wmbusmeters driver weh_07). */
export const weh_07: MeterDriver = {
  name: 'weh_07',
  description: 'Wehrle water meter',
  manufacturerName: 'Wehrle',
  kind: 'water',
  detect: [
    { manufacturer: 'WEH', version: 0xfe, deviceType: 0x07 },
    { manufacturer: 'WEH', version: 0x03, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'volume', storage: 1, plain: true } },
  ],
  fixtures: ['weh_07/'],
};
