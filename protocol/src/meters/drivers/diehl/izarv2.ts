import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { DIEHL_DEFAULT_KEYS, diehlLfsr } from '../../../wmbus/diehl.js';
import type { Address } from '../../../wmbus/link.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver, StatusFlag } from '../../types.js';

/** The A-field bytes as sent (manufacturer, ID, version, type): the LFSR seed mixes them in. */
function sentAddressBytes(a: Address): Uint8Array {
  const m = ((a.manufacturer.charCodeAt(0) - 64) << 10) | ((a.manufacturer.charCodeAt(1) - 64) << 5) | (a.manufacturer.charCodeAt(2) - 64);
  const out = new Uint8Array(8);
  out[0] = m & 0xff;
  out[1] = m >> 8;
  for (let i = 0; i < 4; i++) out[2 + i] = parseInt(a.id.slice(6 - 2 * i, 8 - 2 * i), 16);
  out[6] = a.version;
  out[7] = a.deviceType;
  return out;
}

/** Alarm bits of the 24-bit header word (`wmbusmeters/wmbusmeters: drivers/src/izarv2.xmq`, lookup ALARMS). */
const ALARMS: readonly [number, StatusFlag, string][] = [
  [0x008000, 'leak', 'LEAKAGE'],
  [0x002000, 'error', 'METER_BLOCKED'],
  [0x800000, 'reverse_flow', 'BACK_FLOW'],
  [0x400000, 'error', 'UNDERFLOW'],
  [0x200000, 'overflow', 'OVERFLOW'],
  [0x100000, 'error', 'SUBMARINE'],
  [0x080000, 'tamper', 'SENSOR_FRAUD'],
  [0x020000, 'tamper', 'MECHANICAL_FRAUD'],
];

/**
 * Diehl PRIOS payload (CI A0–A7, B1–B3), layout from `wmbusmeters/wmbusmeters: drivers/src/izarv2.xmq` and
 * `src/meters.cc` (diehl_prios): 3 header bytes (alarms, battery half-years in bits 8–12, transmit period
 * exponent in bits 0–3), one plain byte, then the LFSR-scrambled part: check byte 0x4B, total litres u32 LE,
 * last month-end litres u32 LE, and its date as a packed 16-bit word.
 */
function decodePrios(t: DecodedTelegram): DriverExtra {
  const d = t.manufacturerData;
  if (!d || d.length < 9 || !t.link.address) return {};
  const address = sentAddressBytes(t.link.address);
  const header = new Uint8Array([t.tpl.ci, d[0]!, d[1]!, d[2]!]);
  let plain: Uint8Array | null = null;
  for (const key of DIEHL_DEFAULT_KEYS) {
    const p = diehlLfsr(key, address, header, d.subarray(4));
    if (p[0] === 0x4b) {
      plain = p;
      break;
    }
  }
  const status = d[0]! | (d[1]! << 8) | (d[2]! << 16);
  const flags = ALARMS.filter(([bit]) => status & bit).map(([, flag, text]) => ({ flag, text }));
  const records = [
    driverRecord({ quantity: 'remaining_battery_life', description: 'battery life left', value: ((status >> 8) & 0x1f) * 0.5 * 365 * 86400, unit: 's' }),
    driverRecord({ quantity: 'transmission_period', description: 'transmit period', value: 1 << ((status & 0x0f) + 2), unit: 's' }),
  ];
  if (!plain) return { records, flags };
  const u32 = (o: number) => (plain![o]! | (plain![o + 1]! << 8) | (plain![o + 2]! << 16)) + plain![o + 3]! * 0x1000000;
  records.push(driverRecord({ quantity: 'volume', description: 'total volume', value: u32(1) / 1000, unit: 'm3' }));
  if (plain.length >= 11) {
    const raw = plain[9]! | (plain[10]! << 8);
    const day = raw & 0x1f;
    const month = (raw >> 8) & 0x0f;
    let year = ((raw >> 8) & 0xf0) >> 1 | ((raw >> 5) & 0x07);
    if (year > 80) year -= 100;
    records.push(
      driverRecord({ quantity: 'volume', description: 'volume at the last month end', value: u32(5) / 1000, unit: 'm3', storage: 1 }),
      driverRecord({ quantity: 'date', description: 'last month end', value: `${2000 + year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, unit: 'date', storage: 1 }),
    );
  }
  return { records, flags };
}

/** Diehl IZAR radio water meters (PRIOS telegrams, scrambled with the vendor default key). */
export const izarv2: MeterDriver = {
  name: 'izarv2',
  description: 'Diehl IZAR RC / PRIOS water meter',
  manufacturerName: 'Diehl Metering (Hydrometer, Sappel)',
  kind: 'water',
  detect: [
    { manufacturer: 'HYD', version: 0x85, deviceType: 0x07 },
    { manufacturer: 'HYD', version: 0x86, deviceType: 0x07 },
    // Sappel PRIOS frames use the version byte as part of the ID; wmbus/diehl.ts reads them as SAP,00,07.
    { manufacturer: 'SAP', version: 0x00, deviceType: 0x07 },
    { manufacturer: 'DME', version: 0x78, deviceType: 0x07 },
    { manufacturer: 'DME', version: 0x78, deviceType: 0x06 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, header: '' } },
    { name: 'last_month_end', match: { quantity: 'volume', storage: 1, header: '' } },
    { name: 'last_month_end_date', match: { quantity: 'date', storage: 1, header: '' } },
    { name: 'battery', match: { quantity: 'remaining_battery_life' } },
    { name: 'transmit_period', match: { quantity: 'transmission_period' } },
  ],
  decode: decodePrios,
  fixtures: ['izarv2/'],
};
