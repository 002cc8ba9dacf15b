import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { fromHex } from '../../../util/hex.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

const two = (n: number): string => (n < 10 ? '0' : '') + n;

/** `date` (YYYY-MM-DD) moved `back` months earlier, same day of month (the profile's dates are the 1st). */
function monthsBefore(date: string, back: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - back;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${two(mm + 1)}-${date.slice(8, 10)}`;
}

/** One element of the profile: 6-digit BCD (data field code 0x0B) or a 24-bit integer (0x03); null if unset. */
function element(b: Uint8Array, o: number, code: number): number | null {
  if (code === 0x03) {
    const v = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
    return v === 0xffffff ? null : v;
  }
  let v = 0;
  for (let i = 2; i >= 0; i--) {
    const hi = b[o + i]! >> 4;
    const lo = b[o + i]! & 0x0f;
    if (hi > 9 || lo > 9) return null;
    v = v * 100 + hi * 10 + lo;
  }
  return v;
}

/**
 * Monthly units in an "inverse compact profile" record (VIF 6E + VIFE 13, storage 8, LVAR): a spacing-control
 * byte (low nibble = element data field code), a spacing byte, then elements newest first. Element n is the
 * value at the 1st of the month n months before the storage-8 date (as wmbusmeters dates them:
 * drivers/src/caltose.xmq). They become storage 8 + n with their dates.
 */
function expandProfile(t: DecodedTelegram): DriverExtra {
  const profile = t.records.find((r) => r.quantity === 'hca' && r.storage === 8 && r.header.endsWith('EE13') && typeof r.value === 'string');
  const base = t.records.find((r) => r.quantity === 'date' && r.storage === 8 && typeof r.value === 'string');
  if (!profile || !base) return {};
  const b = fromHex(profile.value as string);
  if (b.length < 2) return {};
  const code = b[0]! & 0x0f;
  if (code !== 0x0b && code !== 0x03) return {};
  const records: DataRecord[] = [];
  for (let n = 1, o = 2; o + 3 <= b.length && n <= 32; n++, o += 3) {
    const v = element(b, o, code);
    if (v === null) break;
    records.push(
      driverRecord({ quantity: 'hca', description: `units ${n} months before the base date`, value: v, unit: 'HCA', storage: 8 + n }),
      driverRecord({ quantity: 'date', description: `profile date ${n}`, value: monthsBefore(base.value as string, n), unit: 'date', storage: 8 + n }),
    );
  }
  return { records };
}

/** Zenner Caltos E (ZRI, version FC) electronic heat cost allocator: standard records plus a monthly profile. */
export const caltose: MeterDriver = {
  name: 'caltose',
  description: 'Zenner Caltos E heat cost allocator',
  manufacturerName: 'Zenner',
  kind: 'hca',
  detect: [{ manufacturer: 'ZRI', version: 0xfc, deviceType: 0x08 }],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'base', match: { quantity: 'hca', storage: 8, plain: true } },
    { name: 'base_date', match: { quantity: 'date', storage: 8 } },
    { name: 'consumption', match: { quantity: 'hca', storage: [9, 40] }, series: true },
    { name: 'consumption_date', match: { quantity: 'date', storage: [9, 40] }, series: true },
  ],
  // TPL status bits of this meter (wmbusmeters/wmbusmeters: drivers/src/caltose.xmq).
  status: [{ source: 'tpl_status', bits: { 0x20: { flag: 'removed', text: 'REMOVAL' } } }],
  decode: expandProfile,
  fixtures: ['caltose/'],
};
