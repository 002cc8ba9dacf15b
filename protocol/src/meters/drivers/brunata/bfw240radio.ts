import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord } from '../../record.js';
import { monthEndBefore } from '../../reading.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

const bcd = (b: number): number => (b >> 4) * 10 + (b & 0x0f);
const two = (n: number): string => (n < 10 ? '0' : '') + n;

/**
 * BFW 240 radio payload (after 2F 2F, 2 unknown bytes): previous-period and current units as big-endian u16,
 * 2 unknown bytes, 9 triplets packing two 12-bit monthly values each (oldest pair 18/17 first), and the
 * device date as BCD day, month, year. Layout: `wmbusmeters/wmbusmeters: drivers/src/bfw240radio.xmq`.
 * Monthly value N is the value at the end of the Nth month before the device date (storage N + 1 here).
 */
function decodeBfw240(t: DecodedTelegram): DriverExtra {
  const p = t.payload;
  if (p.length < 40) return {};
  const day = bcd(p[37]!);
  const month = bcd(p[38]!);
  const year = 2000 + bcd(p[39]!);
  const date = `${year}-${two(month)}-${two(day)}`;
  const records: DataRecord[] = [
    driverRecord({ quantity: 'hca', description: 'units, current period', value: (p[6]! << 8) | p[7]!, unit: 'HCA' }),
    driverRecord({ quantity: 'hca', description: 'units at the end of the previous period', value: (p[4]! << 8) | p[5]!, unit: 'HCA', storage: 1 }),
    driverRecord({ quantity: 'date', description: 'device date', value: date, unit: 'date' }),
  ];
  for (let k = 0; k < 9; k++) {
    const o = 10 + 3 * k;
    const b0 = p[o]!;
    const b1 = p[o + 1]!;
    const b2 = p[o + 2]!;
    const older = 18 - 2 * k; // month index of the value built from b0 and the high nibble of b1
    records.push(
      driverRecord({ quantity: 'hca', description: `units ${older} month ends ago`, value: ((b1 >> 4) << 8) | b0, unit: 'HCA', storage: older + 1 }),
      driverRecord({ quantity: 'date', description: `month end ${older} months ago`, value: monthEndBefore(date, older), unit: 'date', storage: older + 1 }),
      driverRecord({ quantity: 'hca', description: `units ${older - 1} month ends ago`, value: ((b1 & 0x0f) << 8) | b2, unit: 'HCA', storage: older }),
      driverRecord({ quantity: 'date', description: `month end ${older - 1} months ago`, value: monthEndBefore(date, older - 1), unit: 'date', storage: older }),
    );
  }
  return { records };
}

/** Brunata (BFW) 240 radio heat cost allocator: all values in a fixed-layout payload. */
export const bfw240radio: MeterDriver = {
  name: 'bfw240radio',
  description: 'Brunata BFW 240 radio heat cost allocator',
  manufacturerName: 'Brunata (BFW)',
  kind: 'hca',
  detect: [{ manufacturer: 'BFW', version: 0x02, deviceType: 0x08 }],
  fields: [
    { name: 'current', match: { quantity: 'hca', storage: 0, header: '' } },
    { name: 'previous_period', match: { quantity: 'hca', storage: 1, header: '' } },
    { name: 'device_date', match: { quantity: 'date', storage: 0, header: '' } },
    { name: 'month_end', match: { quantity: 'hca', storage: [2, 19], header: '' }, series: true },
  ],
  decode: decodeBfw240,
  fixtures: ['bfw240radio/'],
};
