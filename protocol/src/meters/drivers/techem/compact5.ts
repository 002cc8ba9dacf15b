import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';
import { hexOf, needBytes } from './techem-payload.js';

/**
 * Techem compact V / compact 5 heat meter; manufacturer payload after CI A1/A2
 * (wmbusmeters/wmbusmeters: drivers/src/compact5.xmq, facts only): bytes 3-5 the energy of the previous
 * billing period, bytes 7-9 the energy of the current period, 24-bit little-endian kWh; total = sum.
 * Fixtures: the reference's four test telegrams.
 */
const u24 = (p: Uint8Array, at: number): number => p[at]! | (p[at + 1]! << 8) | (p[at + 2]! << 16);

function decodeCompact5(t: DecodedTelegram): DriverExtra {
  const p = needBytes('compact5', t.manufacturerData, 10);
  const previous = u24(p, 3);
  const current = u24(p, 7);
  const inPeriod = driverRecord({ quantity: 'energy', description: 'Energy in the current billing period', value: current * 1000, unit: 'Wh', raw: hexOf(p, 7, 3) });
  inPeriod.modifiers = ['increment'];
  return {
    records: [
      driverRecord({ quantity: 'energy', description: 'Energy (total)', value: (previous + current) * 1000, unit: 'Wh' }),
      inPeriod,
      driverRecord({ quantity: 'energy', description: 'Energy of the previous billing period', value: previous * 1000, unit: 'Wh', storage: 1, raw: hexOf(p, 3, 3) }),
    ],
  };
}

export const compact5: MeterDriver = {
  name: 'compact5',
  description: 'Techem compact V heat meter',
  manufacturerName: 'Techem',
  kind: 'heat',
  detect: [
    { manufacturer: 'TCH', version: 0x45, deviceType: 0x04 },
    { manufacturer: 'TCH', version: 0x45, deviceType: 0xc3 },
    { manufacturer: 'TCH', version: 0x22, deviceType: 0x43 },
    { manufacturer: 'TCH', version: 0x45, deviceType: 0x43 },
    { manufacturer: 'TCH', version: 0x39, deviceType: 0x43 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'energy', storage: 0, plain: true } },
    { name: 'current', match: { quantity: 'energy', storage: 0, modifiers: ['increment'] } },
    { name: 'previous', match: { quantity: 'energy', storage: 1 } },
  ],
  decode: decodeCompact5,
  fixtures: ['compact5/'],
};
