import { driverRecord } from '../../record.js';
import type { MeterDriver } from '../../types.js';

/**
 * Apator 08 water meter (CI A0): the payload starts with a u32 LE counter in thirds of a litre
 * (`wmbusmeters/wmbusmeters: drivers/src/apator08.xmq`, force_scale 1/3 on a litre register).
 */
export const apator08: MeterDriver = {
  name: 'apator08',
  description: 'Apator 08 water meter',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [
    { manufacturer: 'APT', version: 0x03, deviceType: 0x03 },
    { manufacturer: 'APT', version: 0x0f, deviceType: 0x0f },
  ],
  fields: [{ name: 'total', match: { quantity: 'volume', storage: 0 } }],
  decode: (t) => {
    const p = t.payload;
    if (p.length < 4) return {};
    const thirdLitres = (p[0]! | (p[1]! << 8) | (p[2]! << 16)) + p[3]! * 0x1000000;
    return { records: [driverRecord({ quantity: 'volume', description: 'total volume', value: thirdLitres / 3000, unit: 'm3' })] };
  },
  fixtures: ['apator08/'],
};
