import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';
import { hexOf, needBytes, techemDate, word } from './techem-payload.js';

/**
 * Techem Vario 4 (451) heat meter; manufacturer payload after CI A2. From
 * wmbusmeters/wmbusmeters: drivers/src/vario451.xmq (facts only): word 3 = energy of the previous billing
 * period, word 7 = energy of the current period, both in 1/1000 GJ; the total is their sum.
 * Word 1 has the Techem previous-billing-date form of mkradio3 / fhkvdataiii (2018-12-31 in the corpus
 * telegram); the reference does not print it, we give it as the date of the storage-1 value.
 */
const MGJ = 1e6; // 1/1000 GJ in J

function decodeVario451(t: DecodedTelegram): DriverExtra {
  const p = needBytes('vario451', t.manufacturerData, 9);
  const previous = word(p, 3);
  const current = word(p, 7);
  const inPeriod = driverRecord({ quantity: 'energy', description: 'Energy in the current billing period', value: current * MGJ, unit: 'J', raw: hexOf(p, 7, 2) });
  inPeriod.modifiers = ['increment'];
  return {
    records: [
      driverRecord({ quantity: 'energy', description: 'Energy (total)', value: (previous + current) * MGJ, unit: 'J' }),
      inPeriod,
      driverRecord({ quantity: 'energy', description: 'Energy of the previous billing period', value: previous * MGJ, unit: 'J', storage: 1, raw: hexOf(p, 3, 2) }),
      driverRecord({ quantity: 'date', description: 'Previous billing date', value: techemDate(word(p, 1)), unit: 'date', storage: 1, raw: hexOf(p, 1, 2) }),
    ],
  };
}

export const vario451: MeterDriver = {
  name: 'vario451',
  description: 'Techem Vario 4 (451) heat meter',
  manufacturerName: 'Techem',
  kind: 'heat',
  detect: [
    { manufacturer: 'TCH', version: 0x27, deviceType: 0x04 },
    { manufacturer: 'TCH', version: 0x27, deviceType: 0xc3 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'energy', storage: 0, plain: true } },
    { name: 'current', match: { quantity: 'energy', storage: 0, modifiers: ['increment'] } },
    { name: 'previous', match: { quantity: 'energy', storage: 1 } },
    { name: 'previous_date', match: { quantity: 'date', storage: 1 } },
  ],
  decode: decodeVario451,
  fixtures: ['vario451/'],
};
