import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, FieldSpec, MeterDriver } from '../../types.js';
import { hexOf, needBytes, techemDates, word } from './techem-payload.js';

/**
 * Techem radio 3 water meter module; its data is a manufacturer payload after CI A2
 * (wmbusmeters/wmbusmeters: drivers/src/mkradio3.xmq, facts only):
 *   byte 0   format
 *   word 1   previous billing date      word 3   volume at that date, 0.1 m3
 *   word 5   current date               word 7   volume since the previous billing date, 0.1 m3
 * The meter total is the sum of both volumes. The bytes after are not publicly described.
 */
/** Also used by mkradio4, whose payload has the volumes at the same places (drivers/src/mkradio4.xmq). */
export function decodeMkRadio3(t: DecodedTelegram): DriverExtra {
  const p = needBytes('mkradio3/4', t.manufacturerData, 9);
  const dates = techemDates(word(p, 1), word(p, 5));
  const atPrevious = word(p, 3);
  const sincePrevious = word(p, 7);
  const since = driverRecord({ quantity: 'volume', description: 'Volume since the previous billing date', value: sincePrevious / 10, unit: 'm3', raw: hexOf(p, 7, 2) });
  since.modifiers = ['increment'];
  return {
    records: [
      driverRecord({ quantity: 'volume', description: 'Volume (total)', value: (atPrevious + sincePrevious) / 10, unit: 'm3' }),
      since,
      driverRecord({ quantity: 'date', description: 'Date of the current value', value: dates.current, unit: 'date', raw: hexOf(p, 5, 2) }),
      driverRecord({ quantity: 'volume', description: 'Volume at the previous billing date', value: atPrevious / 10, unit: 'm3', storage: 1, raw: hexOf(p, 3, 2) }),
      driverRecord({ quantity: 'date', description: 'Previous billing date', value: dates.previous, unit: 'date', storage: 1, raw: hexOf(p, 1, 2) }),
    ],
  };
}

/** The records decodeMkRadio3 makes, named; mkradio4 has the same payload layout. */
export const MKRADIO_FIELDS: readonly FieldSpec[] = [
  { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
  { name: 'current_period', match: { quantity: 'volume', storage: 0, modifiers: ['increment'] } },
  { name: 'current_date', match: { quantity: 'date', storage: 0 } },
  { name: 'target', match: { quantity: 'volume', storage: 1 } },
  { name: 'prev_date', match: { quantity: 'date', storage: 1 } },
];

export const mkradio3: MeterDriver = {
  name: 'mkradio3',
  description: 'Techem radio 3 water meter module',
  manufacturerName: 'Techem',
  kind: 'water',
  detect: [
    { manufacturer: 'TCH', version: 0x74, deviceType: 0x62 },
    { manufacturer: 'TCH', version: 0x74, deviceType: 0x72 },
  ],
  fields: MKRADIO_FIELDS,
  decode: decodeMkRadio3,
  fixtures: ['mkradio3/'],
};
