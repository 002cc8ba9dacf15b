import type { MeterDriver } from '../../types.js';

/** Apator Ultrimis water meter. Detection triples: drivers-table (wmbusmeters drivers ultrimis and ultrimisv2). */
export const ultrimis: MeterDriver = {
  name: 'ultrimis',
  description: 'Apator Ultrimis water meter',
  manufacturerName: 'Apator',
  kind: 'water',
  detect: [
    { manufacturer: 'APA', version: 0x01, deviceType: 0x16 },
    { manufacturer: 'APA', version: 0x20, deviceType: 0x16 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'target', match: { quantity: 'volume', storage: 1 } },
    { name: 'total_backward_flow', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
  ],
  // error flags 03FD17 (wmbusmeters/wmbusmeters: drivers/src/ultrimisv2.xmq)
  status: [
    {
      source: { header: '03FD17' },
      bits: {
      0x1: { flag: 'tamper', text: 'TAMPER' },
      0x2: { flag: 'battery_low', text: 'LOW_BATTERY' },
      0x4: { flag: 'dry', text: 'DRY' },
      0x8: { flag: 'no_consumption', text: 'NO_FLOW' },
      0x10: { flag: 'error', text: 'HIGH_TEMPERATURE' },
      0x20: { flag: 'burst', text: 'BURST' },
      0x40: { flag: 'reverse_flow', text: 'REVERSE' },
      0x80: { flag: 'leak', text: 'LEAK' },
      },
    },
  ],
  // wmbusmeters has ultrimis and ultrimisv2 both claiming APA,01,16; one driver reads both telegram variants.
  fixtures: ['ultrimis/', 'ultrimisv2/'],
};
