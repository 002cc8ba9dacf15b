import type { MeterDriver } from '../../types.js';

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
  // 15 monthly values without dates; the reading view dates them at the month ends before the meter time.
  // (wmbusmeters dates them "meter date minus N months", e.g. the 23rd; the corpus cases ColdLorenz,
  // WarmLorenz, water, water2 expect those dates, so they are not listed here.)
  history: { storage: [2, 16], derive: 'month-ends-before-meter-time' },
  fixtures: ['waterstarm/Water.json', 'waterstarm/Water_2.json', 'waterstarm/Woter.json', 'waterstarm/Woter_2.json', 'waterstarm/Woter_3.json'],
};
