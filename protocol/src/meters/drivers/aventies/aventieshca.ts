import type { MeterDriver } from '../../types.js';

/** Aventies heat cost allocator. Detection triples: drivers-table (wmbusmeters driver aventieshca). */
export const aventieshca: MeterDriver = {
  name: 'aventieshca',
  description: 'Aventies heat cost allocator',
  manufacturerName: 'Aventies',
  kind: 'hca',
  detect: [
    { manufacturer: 'AAA', version: 0x55, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: [1, 17] }, series: true },
  ],
  // error flags (wmbusmeters/wmbusmeters: drivers/src/aventieshca.xmq)
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
  fixtures: ['aventieshca/'],
};
