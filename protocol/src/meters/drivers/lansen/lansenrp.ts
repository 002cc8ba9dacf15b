import type { MeterDriver } from '../../types.js';

/** Lansen repeater: statistics counters and supply voltage. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansenrp.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const lansenrp: MeterDriver = {
  name: 'lansenrp',
  description: 'Lansen repeater',
  manufacturerName: 'Lansen',
  kind: 'other',
  detect: [
    { manufacturer: 'LAS', version: 0x0b, deviceType: 0x32 },
  ],
  fields: [
    { name: 'voltage', match: { quantity: 'voltage' } },
  ],
  fixtures: ['lansenrp/'],
};
