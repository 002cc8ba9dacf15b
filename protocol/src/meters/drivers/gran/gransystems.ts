import type { MeterDriver } from '../../types.js';

/** Gran-System-S electricity meters: energy per tariff now and at the month end (storage 2), voltage, current, frequency. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/gransystems.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const gransystems: MeterDriver = {
  name: 'gransystems',
  description: 'Gran-System-S CCE-101/301 electricity meter',
  manufacturerName: 'Gran-System-S',
  kind: 'electricity',
  detect: [
    { manufacturer: 'GSS', version: 0x01, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'voltage', match: { quantity: 'voltage', storage: 0, subunit: 0 } },
    { name: 'current', match: { quantity: 'current', storage: 0, subunit: 0 } },
    { name: 'frequency', match: { quantity: 'frequency' } },
  ],
  fixtures: ['gransystems/'],
};
