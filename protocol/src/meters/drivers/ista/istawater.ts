import type { MeterDriver } from '../../types.js';

/**
 * ista water meter radio module (domino/istameter): current volume and the last month-end value with its
 * date in storage 2. Detection: wmbusmeters/wmbusmeters: drivers/src/istawater.xmq.
 */
export const istawater: MeterDriver = {
  name: 'istawater',
  description: 'ista water meter with radio module',
  manufacturerName: 'ista',
  kind: 'water',
  detect: [{ manufacturer: 'IST', version: 0x31, deviceType: 0x07 }],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target', match: { quantity: 'volume', storage: 2 } },
    { name: 'target_date', match: { quantity: 'date', storage: 2 } },
  ],
  fixtures: ['istawater/'],
};
