import type { MeterDriver } from '../../types.js';

/** Maddalena water meter. Detection triples: drivers-table (wmbusmeters driver maddalena). */
export const maddalena: MeterDriver = {
  name: 'maddalena',
  description: 'Maddalena water meter',
  manufacturerName: 'Maddalena',
  kind: 'water',
  detect: [
    { manufacturer: 'MAD', version: 0x01, deviceType: 0x07 },
    { manufacturer: 'MAD', version: 0x01, deviceType: 0x06 },
  ],
  fields: [
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  fixtures: ['maddalena/'],
};
