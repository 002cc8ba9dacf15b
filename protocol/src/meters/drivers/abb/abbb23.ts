import type { MeterDriver } from '../../types.js';
import { remapRecords, type RemapRule } from '../../remap.js';

const ABBB23_VIFS: readonly RemapRule[] = [
  { vif: 'FFA015', quantity: 'ct_numerator', description: 'Current transformer ratio numerator', unit: '' },
  { vif: 'FFA115', quantity: 'vt_numerator', description: 'Voltage transformer ratio numerator', unit: '' },
  { vif: 'FFA215', quantity: 'ct_denominator', description: 'Current transformer ratio denominator', unit: '' },
  { vif: 'FFA315', quantity: 'vt_denominator', description: 'Voltage transformer ratio denominator', unit: '' },
  { vif: 'FF9300', quantity: 'active_tariff', description: 'Active tariff', unit: '' },
];

/** ABB B23/B24 electricity meter: energy plus manufacturer VIFs FFA0..FFA3 (CT/VT ratio numerators and denominators). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/abbb23.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const abbb23: MeterDriver = {
  name: 'abbb23',
  description: 'ABB B23 electricity meter',
  manufacturerName: 'ABB',
  kind: 'electricity',
  detect: [
    { manufacturer: 'ABB', version: 0x20, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'ct_numerator', match: { quantity: 'ct_numerator' } },
    { name: 'vt_numerator', match: { quantity: 'vt_numerator' } },
    { name: 'ct_denominator', match: { quantity: 'ct_denominator' } },
    { name: 'vt_denominator', match: { quantity: 'vt_denominator' } },
  ],
  decode: (t) => ({ records: remapRecords(t.records, ABBB23_VIFS) }),
  fixtures: ['abbb23/'],
};
