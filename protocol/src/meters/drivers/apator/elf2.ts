import type { MeterDriver } from '../../types.js';

/** Apator ELF 2 heat (and cooling) meter: standard OMS records. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elf2.xmq; detection triples in /work/drivers-table.txt. */
export const elf2: MeterDriver = {
  name: 'elf2',
  description: 'Apator ELF 2 heat meter',
  manufacturerName: 'Apator',
  kind: 'heat',
  detect: [
    { manufacturer: 'APA', version: 0x42, deviceType: 0x04 },
    { manufacturer: 'APA', version: 0x42, deviceType: 0x0d },
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
    { name: 'on_time', match: { quantity: 'on_time', function: 'instantaneous' } },
    { name: 'on_time_at_error', match: { quantity: 'on_time', function: 'error' } },
  ],
  fixtures: ['elf2/'],
};
