import type { MeterDriver } from '../../types.js';

/** Lansen smoke detector: alarm/error flags and a counter. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansensm.xmq; detection triples in /work/drivers-table.txt. */
export const lansensm: MeterDriver = {
  name: 'lansensm',
  description: 'Lansen smoke detector',
  manufacturerName: 'Lansen',
  kind: 'smoke detector',
  detect: [
    { manufacturer: 'LAS', version: 0x03, deviceType: 0x1a },
  ],
  fields: [
    { name: 'counter', match: { quantity: 'dimensionless' } },
  ],
  fixtures: ['lansensm/'],
};
