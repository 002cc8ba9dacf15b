import type { MeterDriver } from '../../types.js';

/** Fiorentini water meter. Detection triples: drivers-table (wmbusmeters driver fiowater). */
export const fiowater: MeterDriver = {
  name: 'fiowater',
  description: 'Fiorentini water meter',
  manufacturerName: 'Pietro Fiorentini',
  kind: 'water',
  detect: [
    { manufacturer: 'FIO', version: 0x01, deviceType: 0x07 },
  ],
  fields: [
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
  ],
  fixtures: ['fiowater/'],
};
