import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { toHex } from '../../../util/hex.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver, StatusFlag } from '../../types.js';

/** Flag byte of the manufacturer block (`wmbusmeters/wmbusmeters: drivers/src/gwfwater.xmq`, MFCT_FLAGS). */
const FLAGS: readonly [number, StatusFlag, string][] = [
  [0x02, 'leak', 'CONTINUOUS_FLOW'],
  [0x08, 'burst', 'BROKEN_PIPE'],
  [0x20, 'battery_low', 'BATTERY_LOW'],
  [0x40, 'reverse_flow', 'BACKFLOW'],
];

/**
 * Manufacturer block after DIF 0F: type 0x01, a flag byte, and a byte with the power-saving mode in bit 0
 * and the battery life left in half-years in bits 3–7. Other types are not documented: reported as error.
 */
function decodeGwf(t: DecodedTelegram): DriverExtra {
  const d = t.manufacturerData;
  if (!d || d.length === 0) return {};
  if (d[0] !== 0x01 || d.length < 3) return { flags: [{ flag: 'error', text: `UNKNOWN_MFCT_STATUS_${d[0]!.toString(16).toUpperCase()}` }] };
  const flags = FLAGS.filter(([bit]) => d[1]! & bit).map(([, flag, text]) => ({ flag, text }));
  const halfYears = d[2]! >> 3;
  return {
    flags,
    records: [driverRecord({ quantity: 'remaining_battery_life', description: 'battery life left (half-years)', value: halfYears * 0.5 * 365 * 86400, unit: 's', raw: toHex(d.subarray(2, 3)) })],
  };
}

/** GWF water meters: standard records and a small manufacturer status block. */
export const gwfwater: MeterDriver = {
  name: 'gwfwater',
  description: 'GWF water meter',
  manufacturerName: 'GWF',
  kind: 'water',
  detect: [
    { manufacturer: 'GWF', version: 0x01, deviceType: 0x0e },
    { manufacturer: 'GWF', version: 0x3c, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'actuality_duration', match: { quantity: 'actuality_duration', storage: 0 } },
    { name: 'battery', match: { quantity: 'remaining_battery_life', header: '' } },
  ],
  decode: decodeGwf,
  fixtures: ['gwfwater/'],
};
