import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';

/** Zenner C5-ISF heat meter: current values, the due-date value (storage 8) and monthly values in storage 32..45 with their dates. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/c5isf.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const c5isf: MeterDriver = {
  name: 'c5isf',
  description: 'Zenner C5-ISF heat / cooling meter',
  manufacturerName: 'Zenner',
  kind: 'heat',
  detect: [
    { manufacturer: 'ZRI', version: 0x88, deviceType: 0x0d },
    { manufacturer: 'ZRI', version: 0x88, deviceType: 0x07 },
    { manufacturer: 'ZRI', version: 0x88, deviceType: 0x04 },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'due_energy', match: { quantity: 'energy', storage: 8, tariff: 0 } },
    { name: 'due_date', match: { quantity: 'date', storage: 8, tariff: 0 } },
    { name: 'monthly_energy', match: { quantity: 'energy', storage: [32, 45], tariff: 0 }, series: true },
  ],
  fixtures: ['c5isf/'],
};
