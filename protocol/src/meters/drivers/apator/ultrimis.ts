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
  // wmbusmeters has ultrimis and ultrimisv2 both claiming APA,01,16; one driver reads both telegram variants.
  fixtures: ['ultrimis/', 'ultrimisv2/'],
};
