import type { MeterDriver } from '../../types.js';

/** Zenner Minomess water meter. Detection triples: drivers-table (wmbusmeters driver minomess). */
export const minomess: MeterDriver = {
  name: 'minomess',
  description: 'Zenner Minomess water meter',
  manufacturerName: 'Zenner',
  kind: 'water',
  detect: [
    { manufacturer: 'ZRI', version: 0x00, deviceType: 0x07 },
    { manufacturer: 'ZRI', version: 0x01, deviceType: 0x16 },
    { manufacturer: 'ZRI', version: 0x01, deviceType: 0x06 },
  ],
  fields: [
    { name: 'meter_date', match: { quantity: 'date', storage: 0 } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 8 } },
    { name: 'target', match: { quantity: 'volume', storage: 8, plain: true } },
  ],
  // Zenner error flags (wmbusmeters/wmbusmeters: drivers/src/minomess.xmq, 02FD17)
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
      0x8000: { flag: 'burst', text: 'BURSTING' },
      0x4000: { flag: 'removed', text: 'REMOVED' },
      0x2000: { flag: 'leak', text: 'LEAKING' },
      0x800: { flag: 'reverse_flow', text: 'BACKFLOWING' },
      0x400: { flag: 'error', text: 'WAS_BLOCKED' },
      0x200: { flag: 'error', text: 'UNDERSIZED' },
      0x100: { flag: 'error', text: 'OVERSIZED' },
      0x80: { flag: 'removed', text: 'WAS_REMOVED' },
      0x40: { flag: 'tamper', text: 'WAS_TAMPERED' },
      0x10: { flag: 'error', text: 'TEMPORARY_ERROR' },
      0x8: { flag: 'error', text: 'PERMANENT_ERROR' },
      0x4: { flag: 'battery_low', text: 'BATTERY_EOL' },
      0x2: { flag: 'error', text: 'ABNORMAL_CONDITION' },
      },
    },
  ],
  fixtures: ['minomess/'],
};
