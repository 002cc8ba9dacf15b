import type { MeterDriver } from '../../types.js';

/** B meters Hydrocal-M4 heat/cooling meter. Detection triples: drivers-table (wmbusmeters driver hydrocalm4). */
export const hydrocalm4: MeterDriver = {
  name: 'hydrocalm4',
  description: 'B meters Hydrocal-M4 heat/cooling meter',
  manufacturerName: 'B METERS',
  kind: 'heat/cooling',
  detect: [
    { manufacturer: 'BMT', version: 0x1a, deviceType: 0x0d },
  ],
  fields: [
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_heating_energy', match: { quantity: 'energy', storage: 0 } },
    { name: 'total_heating_volume', match: { quantity: 'volume', storage: 0 } },
    { name: 'total_cooling_energy', match: { quantity: 'energy', storage: 0, tariff: 1 } },
    { name: 'total_cooling_volume', match: { quantity: 'volume', storage: 0, tariff: 1 } },
    { name: 'power', match: { quantity: 'power', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
    { name: 'supply_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'c1_volume', match: { quantity: 'volume', storage: 0, subunit: 1 } },
    { name: 'c2_volume', match: { quantity: 'volume', storage: 0, subunit: 2 } },
  ],
  fixtures: ['hydrocalm4/testm4.json', 'hydrocalm4/testm4_2.json', 'hydrocalm4/testm4_3.json', 'hydrocalm4/testm4_4.json'],
};
