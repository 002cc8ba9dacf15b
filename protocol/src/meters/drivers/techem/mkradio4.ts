import type { MeterDriver } from '../../types.js';
import { decodeMkRadio3, MKRADIO_FIELDS } from './mkradio3.js';

/**
 * Techem radio 4 water meter module. Manufacturer payload after CI A2 with the volumes where mkradio3 has
 * them: word 3 the volume at the previous billing date, word 7 the volume since, both 0.1 m3; total = sum
 * (wmbusmeters/wmbusmeters: drivers/src/mkradio4.xmq). The reference does not print the dates; words 1 and 5
 * are read as mkradio3's previous and current dates. Fixture: the reference's test telegram.
 */
export const mkradio4: MeterDriver = {
  name: 'mkradio4',
  description: 'Techem radio 4 water meter module',
  manufacturerName: 'Techem',
  kind: 'water',
  detect: [
    { manufacturer: 'TCH', version: 0x95, deviceType: 0x62 },
    { manufacturer: 'TCH', version: 0x70, deviceType: 0x62 },
    { manufacturer: 'TCH', version: 0x95, deviceType: 0x72 },
    { manufacturer: 'TCH', version: 0x70, deviceType: 0x72 },
  ],
  fields: MKRADIO_FIELDS,
  decode: decodeMkRadio3,
  fixtures: ['mkradio4/'],
};
