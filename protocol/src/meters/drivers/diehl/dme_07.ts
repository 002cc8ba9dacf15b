import type { MeterDriver } from '../../types.js';

/** Diehl water meter (DME 0x7B). Detection triples: drivers-table (wmbusmeters driver dme_07). */
export const dme_07: MeterDriver = {
  name: 'dme_07',
  description: 'Diehl water meter (DME 0x7B)',
  manufacturerName: 'Diehl Metering',
  kind: 'water',
  detect: [
    { manufacturer: 'DME', version: 0x7b, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
  ],
  fixtures: ['dme_07/'],
};
