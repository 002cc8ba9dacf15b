import type { MeterDriver } from '../../types.js';

/** Lansen pulse counter: two counters (subunits 0 and 1). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansenpu.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const lansenpu: MeterDriver = {
  name: 'lansenpu',
  description: 'Lansen pulse counter',
  manufacturerName: 'Lansen',
  kind: 'other',
  detect: [
    { manufacturer: 'LAS', version: 0x14, deviceType: 0x00 },
    { manufacturer: 'LAS', version: 0x1b, deviceType: 0x00 },
    { manufacturer: 'LAS', version: 0x0b, deviceType: 0x02 },
  ],
  fields: [
    { name: 'counter_a', match: { quantity: 'dimensionless', subunit: 0 } },
    { name: 'counter_b', match: { quantity: 'dimensionless', subunit: 1 } },
  ],
  fixtures: ['lansenpu/'],
};
