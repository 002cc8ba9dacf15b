import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * Data length after each register tag of the Apator 162 manufacturer payload (-1 = unknown tag: stop).
 * Layout from `wmbusmeters/wmbusmeters: drivers/src/apator162.xmq` (its IXML grammar): after a lead byte
 * (0x0F, or 0x80 on older meters) and 7 status bytes come tagged registers of fixed length; tag 0x10 holds
 * the total volume in litres (u32 LE). A run of 0xFF pads up to the checksum.
 */
const REGISTER_LENGTH = new Int8Array(256).fill(-1);
const set = (tags: number[], len: number) => tags.forEach((t) => (REGISTER_LENGTH[t] = len));
set([0x00, 0x10, 0x42, 0xa0, 0xa1, 0xa4, 0xf0], 4);
set([0x01, 0x44, 0xa6, 0xd0, 0xd3], 3);
set([0x11, 0x41, 0x43, 0xa7, 0xa8, 0xaa, 0xab, 0xac, 0xad, 0xb4], 2);
set([0x40, 0x8b, 0x8c], 6);
for (let t = 0x71; t <= 0x7c; t++) REGISTER_LENGTH[t] = 1 + 4 * (t - 0x71 + 2); // a byte, then 2..13 monthly quads
set([0x80, 0x81, 0x82, 0x83, 0x84, 0x86, 0x87], 10);
set([0x85, 0x88, 0x8f], 11);
set([0x8a], 9);
set([0x8e, 0xa3], 7);
set([0xa2, 0xa5, 0xa9, 0xaf], 1);
set([0xb0], 5);
set([0xb1, 0xb3], 8);
set([0xb2, 0xb5], 16);
for (let t = 0xb6; t <= 0xc7; t++) REGISTER_LENGTH[t] = 3;

const TOTAL_TAG = 0x10;

/** Walks the registers of the (decrypted) payload and returns the total volume register. */
function decodeApator162(t: DecodedTelegram): DriverExtra {
  const p = t.payload;
  let i = 0;
  while (i < p.length && p[i] === 0x2f) i++;
  i += 8; // lead byte (0F / 80) and 7 status bytes
  while (i < p.length) {
    const tag = p[i]!;
    const len = REGISTER_LENGTH[tag]!;
    if (len < 0 || i + 1 + len > p.length) break; // 0xFF padding, checksum, or a tag nobody documented
    if (tag === TOTAL_TAG) {
      const litres = (p[i + 1]! | (p[i + 2]! << 8) | (p[i + 3]! << 16)) + p[i + 4]! * 0x1000000;
      return { records: [driverRecord({ quantity: 'volume', description: 'total volume (register 0x10)', value: litres / 1000, unit: 'm3' })] };
    }
    i += 1 + len;
  }
  return {};
}

/** Apator AT-WMBUS-16-2 radio module on Apator water meters (JS/SV series): registers in a manufacturer payload. */
export const apator162: MeterDriver = {
  name: 'apator162',
  description: 'Apator AT-WMBUS-16-2 water meter radio module',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [
    { manufacturer: 'APA', version: 0x05, deviceType: 0x06 },
    { manufacturer: 'APA', version: 0x05, deviceType: 0x07 },
  ],
  fields: [{ name: 'total', match: { quantity: 'volume', storage: 0, header: '' } }],
  decode: decodeApator162,
  fixtures: ['apator162/'],
};
