import { driverRecord } from '../../record.js';
import type { MeterDriver } from '../../types.js';

/**
 * Apator 172 water meter (CI A0, medium 0x11): the payload starts with a u32 LE counter in thirds of a m³
 * (`wmbusmeters/wmbusmeters: drivers/src/apator172.xmq`, force_scale 1/3 on a m³ register).
 */
export const apator172: MeterDriver = {
  name: 'apator172',
  description: 'Apator 172 water meter',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [{ manufacturer: 'APT', version: 0x04, deviceType: 0x11 }],
  fields: [{ name: 'total', match: { quantity: 'volume', storage: 0 } }],
  decode: (t) => {
    const p = t.payload;
    if (p.length < 4) return {};
    const thirds = (p[0]! | (p[1]! << 8) | (p[2]! << 16)) + p[3]! * 0x1000000;
    return { records: [driverRecord({ quantity: 'volume', description: 'total volume', value: thirds / 3, unit: 'm3' })] };
  },
  fixtures: ['apator172/'],
};
