import type { MeterDriver } from '../../types.js';

/** Lansen door/window detector: input state and open/close counters. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansendw.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const lansendw: MeterDriver = {
  name: 'lansendw',
  description: 'Lansen door/window detector',
  manufacturerName: 'Lansen',
  kind: 'other',
  detect: [
    { manufacturer: 'LAS', version: 0x07, deviceType: 0x1d },
  ],
  fields: [
    { name: 'input_state', match: { quantity: 'digital_input' } },
    { name: 'counter_a', match: { quantity: 'dimensionless', subunit: 0 } },
    { name: 'counter_b', match: { quantity: 'dimensionless', subunit: 1 } },
  ],
  fixtures: ['lansendw/'],
};
