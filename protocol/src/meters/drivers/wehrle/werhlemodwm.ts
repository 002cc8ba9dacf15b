import type { MeterDriver } from '../../types.js';

/** Wehrle modularis water meter. Detection triples: drivers-table (wmbusmeters driver werhlemodwm). */
export const werhlemodwm: MeterDriver = {
  name: 'werhlemodwm',
  description: 'Wehrle modularis water meter',
  manufacturerName: 'Wehrle',
  kind: 'water',
  detect: [
    { manufacturer: 'WZG', version: 0x03, deviceType: 0x16 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target', match: { quantity: 'volume', storage: [1, 13] }, series: true },
    { name: 'target_date', match: { quantity: 'date', storage: [1, 13], plain: true }, series: true },
    { name: 'next_target_date', match: { quantity: 'date', storage: 1, modifiers: ['future value'] } },
  ],
  fixtures: ['werhlemodwm/'],
};
