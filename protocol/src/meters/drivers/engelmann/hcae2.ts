import type { MeterDriver } from '../../types.js';

/** Engelmann HCA e2 heat cost allocator. Detection triples: drivers-table (wmbusmeters driver hcae2). */
export const hcae2: MeterDriver = {
  name: 'hcae2',
  description: 'Engelmann HCA e2 heat cost allocator',
  manufacturerName: 'Engelmann',
  kind: 'hca',
  detect: [
    { manufacturer: 'EFE', version: 0x31, deviceType: 0x08 },
  ],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0, function: 'instantaneous' } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    // Half-month values from storage 2 (dated) to 31; wmbusmeters names them delta_N_half_months_ago.
    { name: 'half_month_history_start_date', match: { quantity: 'date', storage: 2 } },
    { name: 'half_month', match: { quantity: 'hca', storage: [2, 31] }, series: true },
    { name: 'meter_datetime_at_error', match: { quantity: 'datetime', storage: 0, function: 'error' } },
  ],
  // manufacturer error flags in record 317F, as the display shows them (wmbusmeters/wmbusmeters: drivers/src/hcae2.xmq)
  status: [
    {
      source: { header: '317F' },
      bits: {
      0x1: { flag: 'error', text: 'MEMORY_ERROR' },
      0x2: { flag: 'error', text: 'UNEXPECTED_RST' },
      0x8: { flag: 'tamper', text: 'OPEN_C' },
      0x10: { flag: 'error', text: 'SENSOR_BREAK' },
      0x20: { flag: 'error', text: 'SENSOR_SHORT' },
      0x40: { flag: 'error', text: 'WDT' },
      0x80: { flag: 'error', text: 'REMOTE_SENSOR' },
      },
    },
  ],
  fixtures: ['hcae2/'],
};
