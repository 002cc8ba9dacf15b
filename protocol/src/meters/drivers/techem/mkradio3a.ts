import { monthEndBack } from '../../compact-profile.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';
import { hexOf, needBytes, techemDate, word } from './techem-payload.js';

/**
 * Techem radio 3a water meter module; manufacturer payload after CI A2
 * (wmbusmeters/wmbusmeters: drivers/src/mkradio3a.xmq, facts only):
 *   bytes 0-1  format          word 2   date of the reading (day bits 0-4, month 5-8, year-2000 9-15)
 *   bytes 4-6  total volume, 0.1 m3
 *   then 12 × (1 filler byte, 2 bytes): 24 half-month consumptions in 0.1 m3, newest first.
 * Months group the half-months by the day of the reading: up to the 15th the newest half-month is the first
 * half of the current month alone; after the 15th it pairs with the one before it.
 * Here: the consumption of the current month and the 11 before it (storage 2..13, modifier "increment") and
 * the meter total at the end of each month before the current one, derived as the total minus the
 * consumptions since (storage 2..13 plain, dated).
 */
function decodeMkRadio3a(t: DecodedTelegram): DriverExtra {
  const p = needBytes('mkradio3a', t.manufacturerData, 43);
  const date = techemDate(word(p, 2));
  const total = p[4]! | (p[5]! << 8) | (p[6]! << 16);
  const half: number[] = [];
  for (let i = 0; i < 12; i++) half.push(p[8 + 3 * i]!, p[9 + 3 * i]!);
  const early = Number(date.slice(8, 10)) <= 15;
  const records: DataRecord[] = [
    driverRecord({ quantity: 'volume', description: 'Volume (total)', value: total / 10, unit: 'm3', raw: hexOf(p, 4, 3) }),
    driverRecord({ quantity: 'date', description: 'Date of the reading', value: date, unit: 'date', raw: hexOf(p, 2, 2) }),
  ];
  let remaining = total;
  for (let month = 0; month < 12; month++) {
    // Early in the month: [h0], [h1 h2], [h3 h4], ...; later: [h0 h1], [h2 h3], ...
    const used = early ? (month === 0 ? half[0]! : half[2 * month - 1]! + half[2 * month]!) : half[2 * month]! + half[2 * month + 1]!;
    const storage = 2 + month;
    const inc = driverRecord({ quantity: 'volume', description: `Consumption ${month} month(s) before the month of the reading`, value: used / 10, unit: 'm3', storage });
    inc.modifiers = ['increment'];
    remaining -= used;
    records.push(
      inc,
      driverRecord({ quantity: 'volume', description: 'Volume at month end (total minus the consumptions since)', value: remaining / 10, unit: 'm3', storage }),
      driverRecord({ quantity: 'date', description: 'Month end', value: monthEndBack(date, month + 1), unit: 'date', storage }),
    );
  }
  return { records };
}

export const mkradio3a: MeterDriver = {
  name: 'mkradio3a',
  description: 'Techem radio 3a water meter module',
  manufacturerName: 'Techem',
  kind: 'water',
  detect: [{ manufacturer: 'TCH', version: 0x50, deviceType: 0x72 }],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'reading_date', match: { quantity: 'date', storage: 0 } },
    { name: 'consumption_in_month', match: { quantity: 'volume', storage: [2, 13], modifiers: ['increment'] }, series: true },
    { name: 'month_end', match: { quantity: 'volume', storage: [2, 13], plain: true }, series: true },
  ],
  decode: decodeMkRadio3a,
  fixtures: ['mkradio3a/'],
};
