import type { MeterDriver } from '../../types.js';
import { remapRecords, type RemapRule } from '../../remap.js';

/**
 * Kamstrup pressure sensor (device type 0x18): current, minimum and maximum pressure, two manufacturer
 * float values (05FF09 "alfa", 05FF0A "beta", meaning not published) and error flags.
 * Facts: wmbusmeters/wmbusmeters: drivers/src/kampress.xmq.
 */
const KAMPRESS_VIFS: readonly RemapRule[] = [
  { vif: 'FF09', quantity: 'alfa', description: 'Kamstrup alfa (manufacturer value)', unit: '' },
  { vif: 'FF0A', quantity: 'beta', description: 'Kamstrup beta (manufacturer value)', unit: '' },
];

export const kampress: MeterDriver = {
  name: 'kampress',
  description: 'Kamstrup wireless pressure sensor',
  manufacturerName: 'Kamstrup',
  kind: 'other',
  detect: [{ manufacturer: 'KAM', version: 0x01, deviceType: 0x18 }],
  fields: [
    { name: 'pressure', match: { quantity: 'pressure', function: 'instantaneous' } },
    { name: 'max_pressure', match: { quantity: 'pressure', function: 'maximum' } },
    { name: 'min_pressure', match: { quantity: 'pressure', function: 'minimum' } },
    { name: 'alfa', match: { quantity: 'alfa' } },
    { name: 'beta', match: { quantity: 'beta' } },
  ],
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
        0x01: { flag: 'error', text: 'DROP' },
        0x02: { flag: 'error', text: 'SURGE' },
        0x04: { flag: 'error', text: 'HIGH' },
        0x08: { flag: 'error', text: 'LOW' },
        0x10: { flag: 'error', text: 'TRANSIENT' },
        0x20: { flag: 'error', text: 'COMM_ERROR' },
      },
    },
  ],
  decode: (t) => ({ records: remapRecords(t.records, KAMPRESS_VIFS) }),
  fixtures: ['kampress/Pressing.json', 'kampress/Pressing_2.json'],
  deviations: {
    'kampress/Pressing_2.json': {
      beta_counter:
        'the 32-bit float A7F738BA is -7.055946e-4, read exactly; the reference prints it rounded to six decimals, -0.000706, which differs by 0.06 %, beyond the 0.05 % tolerance of the comparison',
    },
  },
};
