import type { MeterDriver } from '../../types.js';

/**
 * Techem radio module 4a on water meters (also sold on Hydrometer meters). The readable part is the volume at
 * the set date with its date (storage 1); the current volume sits in a scrambled manufacturer block (DIF 0F)
 * whose format is not public. Detection triples: wmbusmeters/wmbusmeters: drivers/src/mkradio4a.xmq.
 */
export const mkradio4a: MeterDriver = {
  name: 'mkradio4a',
  description: 'Techem radio 4a water meter module',
  manufacturerName: 'Techem',
  kind: 'water',
  detect: [
    { manufacturer: 'HYD', version: 0xfe, deviceType: 0x06 },
    { manufacturer: 'TCH', version: 0x95, deviceType: 0x37 },
  ],
  fields: [
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
  ],
  fixtures: ['mkradio4a/FOO.json'],
};
