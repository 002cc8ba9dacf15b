import type { MeterDriver } from '../../types.js';

/** Apator ELF heat meter: standard OMS records (energy, volume, temperatures, set-date energy). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elf.xmq; detection triples in /work/drivers-table.txt. */
export const elf: MeterDriver = {
  name: 'elf',
  description: 'Apator ELF heat meter',
  manufacturerName: 'Apator',
  kind: 'heat',
  detect: [
    { manufacturer: 'APA', version: 0x40, deviceType: 0x04 },
  ],
  fields: [
    { name: 'total_energy', match: { quantity: 'energy', storage: 0, tariff: 0, subunit: 0, plain: true } },
    { name: 'total_volume', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0, tariff: 0, function: 'instantaneous' } },
    { name: 'power', match: { quantity: 'power', storage: 0, tariff: 0, function: 'instantaneous' } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0, tariff: 0, function: 'instantaneous' } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0, tariff: 0, function: 'instantaneous' } },
    { name: 'target_energy', match: { quantity: 'energy', storage: 1, tariff: 0, subunit: 0, plain: true } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: ['datetime', 'date'], storage: 0, function: 'instantaneous' } },
    { name: 'external_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'battery_voltage', match: { quantity: 'voltage', storage: 0 } },
    { name: 'operating_time', match: { quantity: 'operating_time', storage: 0 } },
  ],
  fixtures: ['elf/'],
};
