import type { MeterDriver } from '../../types.js';

/** Diehl Sharky 774 heat meter. Detection triples: drivers-table (wmbusmeters driver sharky774). */
export const sharky774: MeterDriver = {
  name: 'sharky774',
  description: 'Diehl Sharky 774 heat meter',
  manufacturerName: 'Diehl Metering',
  kind: 'heat',
  detect: [
    { manufacturer: 'DME', version: 0x41, deviceType: 0x04 },
    { manufacturer: 'DME', version: 0x41, deviceType: 0x0d },
    { manufacturer: 'DME', version: 0x41, deviceType: 0x0c },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0 } },
    { name: 'total_volume', match: { quantity: 'volume', storage: 0, tariff: 0 } },
    { name: 'total_cooling_volume', match: { quantity: 'volume', storage: 0, tariff: 2 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'power', match: { quantity: 'power', storage: 0 } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
    { name: 'operating_time_in_error', match: { quantity: 'operating_time', storage: 0, modifiers: ['error: data error'] } },
    { name: 'energy_at_set_date', match: { quantity: 'energy', storage: 1 } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'operating_time', match: { quantity: 'operating_time', storage: 0, plain: true } },
  ],
  fixtures: ['sharky774/'],
};
