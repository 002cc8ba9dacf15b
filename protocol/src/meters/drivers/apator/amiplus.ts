import type { MeterDriver } from '../../types.js';

/** Apator amiplus family smart electricity meters: import/export energy per tariff, power, phase voltages. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/amiplus.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const amiplus: MeterDriver = {
  name: 'amiplus',
  description: 'Apator Otus / NES / DEV smart electricity meter (amiplus)',
  manufacturerName: 'Apator',
  kind: 'electricity',
  detect: [
    { manufacturer: 'APA', version: 0x02, deviceType: 0x02 },
    { manufacturer: 'DEV', version: 0x02, deviceType: 0x37 },
    { manufacturer: 'DEV', version: 0x00, deviceType: 0x02 },
    { manufacturer: 'DEV', version: 0x01, deviceType: 0x02 },
    { manufacturer: 'NES', version: 0x03, deviceType: 0x02 },
    { manufacturer: 'APA', version: 0x01, deviceType: 0x02 },
    { manufacturer: 'APT', version: 0x01, deviceType: 0x02 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_energy_production', match: { quantity: 'energy', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'power_consumption', match: { quantity: 'power', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'power_production', match: { quantity: 'power', storage: 0, tariff: 0, modifiers: ['backward flow'] } },
    { name: 'voltage_l1', match: { quantity: 'voltage', modifiers: ['at phase L1'] } },
    { name: 'voltage_l2', match: { quantity: 'voltage', modifiers: ['at phase L2'] } },
    { name: 'voltage_l3', match: { quantity: 'voltage', modifiers: ['at phase L3'] } },
    { name: 'energy_consumption_tariff1', match: { quantity: 'energy', tariff: 1, plain: true } },
  ],
  fixtures: ['amiplus/'],
};
