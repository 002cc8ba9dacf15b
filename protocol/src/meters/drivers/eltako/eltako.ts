import type { MeterDriver } from '../../types.js';
import { remapRecords, type RemapRule } from '../../remap.js';

const ELTAKO_VIFS: readonly RemapRule[] = [
  { vif: 'FF68', quantity: 'ct_numerator', description: 'Current transformer ratio', unit: '' },
  { vif: 'FF13', quantity: 'active_tariff', description: 'Active tariff', unit: '' },
];

/** Eltako three-phase electricity meter: energy per tariff, per-phase voltage/current/power (manufacturer VIFE 01..03, 00 = all phases; subunit 1 = reactive power). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/eltako.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const eltako: MeterDriver = {
  name: 'eltako',
  description: 'Eltako DSZ15DZMOD three-phase electricity meter',
  manufacturerName: 'Eltako',
  kind: 'electricity',
  detect: [
    { manufacturer: 'ELT', version: 0x01, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_tariff_1', match: { quantity: 'energy', storage: 0, tariff: 1 } },
    { name: 'total_tariff_2', match: { quantity: 'energy', storage: 0, tariff: 2 } },
    { name: 'active_power_overall', match: { quantity: 'power', subunit: 0, modifiers: ['manufacturer VIFE 00'] } },
    { name: 'reactive_power_overall', match: { quantity: 'power', subunit: 1, modifiers: ['manufacturer VIFE 00'] } },
    { name: 'ct_numerator', match: { quantity: 'ct_numerator' } },
    { name: 'active_tariff', match: { quantity: 'active_tariff' } },
  ],
  decode: (t) => ({ records: remapRecords(t.records, ELTAKO_VIFS) }),
  fixtures: ['eltako/'],
};
