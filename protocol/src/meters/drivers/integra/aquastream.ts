import type { MeterDriver } from '../../types.js';

/** Integra Aquastream water meter. Detection triples: drivers-table (wmbusmeters driver aquastream). */
export const aquastream: MeterDriver = {
  name: 'aquastream',
  description: 'Integra Aquastream water meter',
  manufacturerName: 'Integra Metering',
  kind: 'water',
  detect: [
    { manufacturer: 'IMT', version: 0x01, deviceType: 0x07 },
  ],
  fields: [
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'total_backwards', match: { quantity: 'volume', storage: 0, tariff: 1 } },
    { name: 'battery', match: { quantity: 'remaining_battery_life', storage: 0 } },
  ],
  // error flags (wmbusmeters/wmbusmeters: drivers/src/aquastream.xmq)
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
      0x1: { flag: 'tamper', text: 'TAMPER' },
      0x4: { flag: 'burst', text: 'BURST' },
      0x8: { flag: 'leak', text: 'LEAK' },
      0x80: { flag: 'no_consumption', text: 'NO_FLOW' },
      0x100: { flag: 'battery_low', text: 'LOW_BATTERY' },
      0x200: { flag: 'reverse_flow', text: 'REVERSE' },
      0x400: { flag: 'overflow', text: 'OVERFLOW' },
      },
    },
  ],
  fixtures: ['aquastream/'],
};
