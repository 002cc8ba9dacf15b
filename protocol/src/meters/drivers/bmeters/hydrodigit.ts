import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord, validTimePoint } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/** Battery voltage by the low nibble of the battery byte (`wmbusmeters/wmbusmeters: drivers/src/hydrodigit.xmq`). */
const BATTERY_V = [3.7, 1.9, 2.1, 2.2, 2.3, 2.4, 2.5, 2.65, 2.8, 2.9, 3.05, 3.2, 3.35, 3.5, 3.7, 3.7];

const bcd = (b: number): number => (b >> 4) * 10 + (b & 0x0f);
const two = (n: number): string => (n < 10 ? '0' : '') + n;
const u24 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16);

/** Year, month, day as BCD bytes; all zero = no event recorded. */
function eventDate(d: Uint8Array, o: number): string | null {
  if (d[o] === 0 && d[o + 1] === 0 && d[o + 2] === 0) return null;
  return `20${two(bcd(d[o]!))}-${two(bcd(d[o + 1]!))}-${two(bcd(d[o + 2]!))}`;
}

/**
 * Manufacturer block after DIF 0F: a content byte saying which parts follow, in this order: battery byte
 * (0x01), fraud type and date (0x02), leak date (0x80), backflow litres u32 (0x04), twelve calendar-month
 * totals in 1/100 m³ u24, January first (0x10). Layout from `wmbusmeters/wmbusmeters: drivers/src/hydrodigit.xmq`.
 * The month totals form a rolling year: month m is dated at its end, in the meter's year if m is before the
 * meter's month, else the year before; storage 2 is the latest month end.
 */
function decodeHydrodigit(t: DecodedTelegram): DriverExtra {
  const d = t.manufacturerData;
  if (!d || d.length < 1) return {};
  const content = d[0]!;
  const records: DataRecord[] = [];
  let o = 1;
  if (content & 0x01 && o + 1 <= d.length) {
    records.push(driverRecord({ quantity: 'voltage', description: 'battery voltage', value: BATTERY_V[d[o]! & 0x0f]!, unit: 'V' }));
    o += 1;
  }
  if (content & 0x02 && o + 4 <= d.length) {
    const date = eventDate(d, o + 1);
    if (date) records.push(driverRecord({ quantity: 'date', description: 'fraud attempt date', value: date, unit: 'date', storage: 0 }));
    o += 4;
  }
  if (content & 0x80 && o + 3 <= d.length) {
    const date = eventDate(d, o);
    if (date) records.push(driverRecord({ quantity: 'date', description: 'leak date', value: date, unit: 'date', storage: 0 }));
    o += 3;
  }
  if (content & 0x04 && o + 4 <= d.length) {
    const litres = u24(d, o) + d[o + 3]! * 0x1000000;
    const r = driverRecord({ quantity: 'volume', description: 'backflow volume', value: litres / 1000, unit: 'm3' });
    r.modifiers = ['backward flow'];
    records.push(r);
    o += 4;
  }
  const clock = t.records.find((r) => r.quantity === 'datetime' && r.storage === 0 && validTimePoint(r) !== undefined);
  const meterTime = clock && validTimePoint(clock);
  if (content & 0x10 && o + 36 <= d.length && meterTime) {
    const year = Number(meterTime.slice(0, 4));
    const month = Number(meterTime.slice(5, 7));
    for (let m = 1; m <= 12; m++) {
      const raw = u24(d, o + 3 * (m - 1));
      if (raw >= 10000000) continue;
      const y = m < month ? year : year - 1;
      const back = (month - m + 12) % 12 || 12; // months between this month end and the meter's month
      const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      records.push(
        driverRecord({ quantity: 'volume', description: `total at the end of month ${m}`, value: raw / 100, unit: 'm3', storage: back + 1 }),
        driverRecord({ quantity: 'date', description: `end of month ${m}`, value: end, unit: 'date', storage: back + 1 }),
      );
    }
  }
  return { records };
}

/** B meters Hydrodigit water meter: standard records plus a manufacturer block. */
export const hydrodigit: MeterDriver = {
  name: 'hydrodigit',
  description: 'B meters Hydrodigit water meter',
  manufacturerName: 'B METERS',
  kind: 'water',
  detect: [
    { manufacturer: 'BMT', version: 0x13, deviceType: 0x06 },
    { manufacturer: 'BMT', version: 0x17, deviceType: 0x06 },
    { manufacturer: 'BMT', version: 0x13, deviceType: 0x07 },
    { manufacturer: 'BMT', version: 0x15, deviceType: 0x07 },
    { manufacturer: 'BMT', version: 0x17, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'voltage', match: { quantity: 'voltage', header: '' } },
    { name: 'backflow', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'], header: '' } },
    { name: 'month_end_total', match: { quantity: 'volume', storage: [2, 13], header: '' }, series: true },
  ],
  decode: decodeHydrodigit,
  // Hydro4 is read too, but the reference prints 0 m³ for its two unset months (FFFFFF); they stay unset here.
  fixtures: ['hydrodigit/HydridigitWaterr.json', 'hydrodigit/Hydro3.json', 'hydrodigit/HydrodigitWater.json', 'hydrodigit/HydrodigitWaterrr.json', 'hydrodigit/hydro7.json'],
};
