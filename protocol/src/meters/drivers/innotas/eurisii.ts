import type { MeterDriver } from '../../types.js';

/** Innotas Euris II heat cost allocator. Detection triples: drivers-table (wmbusmeters driver eurisii). */
export const eurisii: MeterDriver = {
  name: 'eurisii',
  description: 'Innotas Euris II heat cost allocator',
  manufacturerName: 'Innotas',
  kind: 'hca',
  detect: [
    { manufacturer: 'INE', version: 0x55, deviceType: 0x08 },
    { manufacturer: 'RAM', version: 0x55, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: [1, 17] }, series: true },
  ],
  // error flags (wmbusmeters/wmbusmeters: drivers/src/eurisii.xmq)
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
  fixtures: ['eurisii/'],
};
