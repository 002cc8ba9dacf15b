import type { MeterDriver } from '../../types.js';

/**
 * The 15 monthly values (storage 2..16) are month-end values: in both Lorenz meters of the corpus the value
 * nine months back (storage 10) equals, to the litre, the value at the set date 2021-12-31 (storage 1):
 * warm 27.650 m³, cold 4.819 m³, with about 1.5 m³ resp. 0.1 m³ used a month. The reference dates them
 * "meter date minus N months" (the 23rd here), a calculation its own source calls "almost correct"
 * (wmbusmeters/wmbusmeters: commit a1a4b7ff; drivers/src/waterstarm.xmq: "These history_7_date values should
 * probably be removed").
 */
const MONTH_END_HISTORY =
  'monthly values are month-end values (storage 10 equals the 2021-12-31 set-date value exactly in both Lorenz fixtures); the reading view dates them at month ends, the reference at the meter\'s day of month minus N months, which it calls "almost correct" (wmbusmeters commit a1a4b7ff)';
const NO_CLOCK_HISTORY =
  'monthly values are dated from the meter clock, and this telegram marks the clock invalid (IV bit of the type F date-time, EN 13757-3 Annex A): no dates derived; the reference derives them from the invalid clock';
const historyDates = (reason: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`history_${i + 1}_date`, reason]));

/** Deltamess WaterStar M water meter (also sold by Engelmann). Detection triples: drivers-table (wmbusmeters driver waterstarm). */
export const waterstarm: MeterDriver = {
  name: 'waterstarm',
  description: 'Deltamess WaterStar M water meter',
  manufacturerName: 'Deltamess / Engelmann',
  kind: 'water',
  detect: [
    { manufacturer: 'DWZ', version: 0x00, deviceType: 0x06 },
    { manufacturer: 'DWZ', version: 0x02, deviceType: 0x06 },
    { manufacturer: 'DWZ', version: 0x02, deviceType: 0x07 },
    { manufacturer: 'EFE', version: 0x03, deviceType: 0x07 },
    { manufacturer: 'EFE', version: 0x70, deviceType: 0x07 },
    { manufacturer: 'DWZ', version: 0x00, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'total_backwards', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'battery', match: { quantity: 'voltage', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'volume', storage: 1, plain: true } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'history', match: { quantity: 'volume', storage: [2, 16], plain: true }, series: true },
  ],
  // 15 monthly values without dates: month-end values (see MONTH_END_HISTORY above).
  history: { storage: [2, 16], derive: 'month-ends-before-meter-time' },
  fixtures: ['waterstarm/'],
  deviations: {
    'waterstarm/ColdLorenz.json': historyDates(MONTH_END_HISTORY),
    'waterstarm/WarmLorenz.json': historyDates(MONTH_END_HISTORY),
    // The clock record itself is read (flagged invalid), so meter_datetime is found; no dates come from it.
    'waterstarm/water.json': historyDates(NO_CLOCK_HISTORY),
    'waterstarm/water2.json': historyDates(NO_CLOCK_HISTORY),
  },
};
