import type { MeterDriver } from '../../types.js';

/** EMH eHZ-P electricity meter: import/export energy, power, on time. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/ehzp.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const ehzp: MeterDriver = {
  name: 'ehzp',
  description: 'EMH eHZ-P electricity meter',
  manufacturerName: 'EMH',
  kind: 'electricity',
  detect: [
    { manufacturer: 'EMH', version: 0x02, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'on_time', match: { quantity: 'on_time' } },
  ],
  fixtures: ['ehzp/'],
};
