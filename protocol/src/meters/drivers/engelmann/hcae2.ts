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
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'consumption_at_set_date_1', match: { quantity: 'hca', storage: 1 } },
    { name: 'delta_10_half_months_ago', match: { quantity: 'hca', storage: 22 } },
    { name: 'delta_12_half_months_ago', match: { quantity: 'hca', storage: 20 } },
    { name: 'delta_1_half_months_ago', match: { quantity: 'hca', storage: 31 } },
    { name: 'delta_26_half_months_ago', match: { quantity: 'hca', storage: 6 } },
    { name: 'delta_27_half_months_ago', match: { quantity: 'hca', storage: 5 } },
    { name: 'delta_2_half_months_ago', match: { quantity: 'hca', storage: 30 } },
    { name: 'delta_30_half_months_ago', match: { quantity: 'hca', storage: 2 } },
    { name: 'delta_3_half_months_ago', match: { quantity: 'hca', storage: 29 } },
    { name: 'delta_4_half_months_ago', match: { quantity: 'hca', storage: 28 } },
    { name: 'delta_5_half_months_ago', match: { quantity: 'hca', storage: 27 } },
    { name: 'delta_6_half_months_ago', match: { quantity: 'hca', storage: 26 } },
    { name: 'delta_7_half_months_ago', match: { quantity: 'hca', storage: 25 } },
    { name: 'delta_8_half_months_ago', match: { quantity: 'hca', storage: 24 } },
    { name: 'delta_9_half_months_ago', match: { quantity: 'hca', storage: 23 } },
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'half_month_history_start_date', match: { quantity: 'date', storage: 2 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
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
