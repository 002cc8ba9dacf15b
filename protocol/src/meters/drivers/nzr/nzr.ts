import type { MeterDriver } from '../../types.js';

/** NZR electricity meter: tariff-1 energy, power, voltage and current per phase in storages 2/4/6. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/nzr.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const nzr: MeterDriver = {
  name: 'nzr',
  description: 'NZR DHZ electricity meter',
  manufacturerName: 'NZR',
  kind: 'electricity',
  detect: [
    { manufacturer: 'NZR', version: 0x00, deviceType: 0x02 },
    { manufacturer: 'EMH', version: 0x00, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'energy_tariff1', match: { quantity: 'energy', tariff: 1 } },
  ],
  fixtures: ['nzr/'],
};
