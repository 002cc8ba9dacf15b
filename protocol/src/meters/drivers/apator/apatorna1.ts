import { WmbusError } from '../../../errors.js';
import { aesCbcDecrypt } from '../../../wmbus/aes.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { mode5Iv } from '../../../wmbus/security.js';
import { driverRecord } from '../../record.js';
import type { DriverContext, DriverExtra, MeterDriver, StatusFlag } from '../../types.js';

/*
 * Apator NA-1 water meter, manufacturer CI A0/A1. Layout from wmbusmeters/wmbusmeters: drivers/src/apatorna1.xmq
 * (IXML grammar, `transform_payload = tpl_aes_cbc_iv,2,16,0`): after the CI come the access number and a
 * plain frame-status byte, then 16 bytes AES-128-CBC encrypted with the meter key and the mode-5 IV
 * (M, A, 8 × access number): a pad byte; the packed total (u32 LE: bits 8.. are the value without its last
 * digit, bits 0–3 the last digit, bits 4–5 the power of ten of the litre multiplier); the meter time (u32 LE
 * seconds since 2000-01-01 00:00); the age of the last historic (month-end) reading in hours (10 bits) and
 * its distance below the total (26 bits, same multiplier); the current and the historic status bytes.
 */

const FRAME_STATUS: readonly (readonly [number, StatusFlag, string])[] = [
  [0x04, 'error', 'MAX_SPEED_EXCEEDED'],
  [0x08, 'error', 'DEVICE_ACCESS_ERROR'],
  [0x40, 'error', 'WRONG_TEMPERATURE'],
];
const CURRENT_STATUS: readonly (readonly [number, StatusFlag, string])[] = [
  [0x01, 'battery_low', 'BATTERY_LOW'],
  [0x02, 'tamper', 'MAGNETIC_FIELD'],
  [0x04, 'removed', 'DEVICE_DISCONNECTED'],
  [0x08, 'leak', 'LEAK'],
  [0x10, 'no_consumption', 'MEASUREMENT_UNCHANGED'],
  [0x20, 'reverse_flow', 'REVERSE_FLOW'],
  [0x40, 'error', 'MAXIMUM_FLOW'],
  [0x80, 'error', 'MINIMUM_FLOW'],
];
const MS_2000 = Date.UTC(2000, 0, 1);
const MULTIPLIER_LITRES = [1, 10, 100, 1000];

/** The 8 address bytes of the IV (M LE, ID BCD LE, version, type), rebuilt from the decoded meter address. */
function addressBytes(d: DecodedTelegram): Uint8Array {
  const m = d.meter.manufacturer;
  const code = ((m.charCodeAt(0) - 64) << 10) | ((m.charCodeAt(1) - 64) << 5) | (m.charCodeAt(2) - 64);
  const id = d.meter.id;
  const out = new Uint8Array(8);
  out[0] = code & 0xff;
  out[1] = code >> 8;
  for (let i = 0; i < 4; i++) out[2 + i] = parseInt(id.slice(6 - 2 * i, 8 - 2 * i), 16);
  out[6] = d.meter.version;
  out[7] = d.meter.deviceType;
  return out;
}

const isoSeconds = (s: number): string => new Date(MS_2000 + s * 1000).toISOString().slice(0, 19);
const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

export function readApatorNa1(d: DecodedTelegram, context: DriverContext): DriverExtra {
  const data = d.manufacturerData;
  if (!data || data.length < 18) throw new WmbusError('DRIVER_PAYLOAD', `apatorna1: ${data?.length ?? 0} bytes, 18 expected`);
  const flags: DriverExtra['flags'] = [];
  for (const [bit, flag, text] of FRAME_STATUS) if (data[1]! & bit) flags.push({ flag, text });
  if (!context.key) throw new WmbusError('KEY_MISSING', 'apatorna1: the manufacturer block is encrypted with the meter key');
  const p = aesCbcDecrypt(context.key, mode5Iv(addressBytes(d), data[0]!), data.subarray(2, 18));
  const packed = u32(p, 1);
  const litres = MULTIPLIER_LITRES[(packed >> 4) & 3]!;
  const total = ((packed >>> 8) * 16 + (packed & 0x0f)) * litres;
  const seconds = u32(p, 5);
  const ageHours = (p[10]! >> 2) * 256 + p[9]!;
  const below = ((p[13]! << 18) + (p[12]! << 10) + (p[11]! << 2) + (p[10]! & 3)) * litres;
  for (const [bit, flag, text] of CURRENT_STATUS) if (p[14]! & bit) flags.push({ flag, text });
  const hex = (from: number, to: number) => Array.from(p.subarray(from, to), (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
  return {
    records: [
      driverRecord({ quantity: 'volume', description: 'Total volume', value: total / 1000, unit: 'm3', raw: hex(1, 5) }),
      driverRecord({ quantity: 'datetime', description: 'Meter time', value: isoSeconds(seconds), unit: 'datetime', raw: hex(5, 9) }),
      // The last month-end reading: storage 2 with its date, so the reading view lists it as history.
      driverRecord({ quantity: 'volume', description: 'Last historic (month-end) volume', value: (total - below) / 1000, unit: 'm3', storage: 2, raw: hex(9, 14) }),
      driverRecord({ quantity: 'datetime', description: 'Time of the last historic reading', value: isoSeconds(seconds - ageHours * 3600), unit: 'datetime', storage: 2 }),
      driverRecord({ quantity: 'duration', description: 'Age of the last historic reading', value: ageHours * 3600, unit: 's', raw: hex(9, 11) }),
      driverRecord({ quantity: 'status', description: 'Current status flags', value: p[14]!, unit: '', raw: hex(14, 15) }),
      driverRecord({ quantity: 'status', description: 'Historic status flags', value: p[15]!, unit: '', storage: 2, raw: hex(15, 16) }),
    ],
    flags,
  };
}

/** Apator NA-1 water meter; detection: wmbusmeters/wmbusmeters: drivers/src/apatorna1.xmq (APA, 0x14, 0x07). */
export const apatorna1: MeterDriver = {
  name: 'apatorna1',
  description: 'Apator NA-1 water meter',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [{ manufacturer: 'APA', version: 0x14, deviceType: 0x07 }],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'historic', match: { quantity: 'volume', storage: 2 } },
    { name: 'historic_datetime', match: { quantity: 'datetime', storage: 2 } },
    { name: 'historic_age', match: { quantity: 'duration' } },
  ],
  decode: readApatorNa1,
  fixtures: ['apatorna1/'],
};
