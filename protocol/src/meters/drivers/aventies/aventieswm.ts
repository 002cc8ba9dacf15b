import type { MeterDriver } from '../../types.js';

/** Aventies water meter. Detection triples: drivers-table (wmbusmeters driver aventieswm). */
export const aventieswm: MeterDriver = {
  name: 'aventieswm',
  description: 'Aventies water meter',
  manufacturerName: 'Aventies',
  kind: 'water',
  detect: [
    { manufacturer: 'AAA', version: 0x25, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'volume', storage: [1, 14] }, series: true },
  ],
  // error flags (wmbusmeters/wmbusmeters: drivers/src/aventieswm.xmq)
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
      0x1: { flag: 'error', text: 'MEASUREMENT' },
      0x2: { flag: 'tamper', text: 'SABOTAGE' },
      0x4: { flag: 'battery_low', text: 'BATTERY' },
      0x8: { flag: 'error', text: 'CS' },
      0x10: { flag: 'error', text: 'HF' },
      0x20: { flag: 'error', text: 'RESET' },
      },
    },
  ],
  fixtures: ['aventieswm/'],
};
