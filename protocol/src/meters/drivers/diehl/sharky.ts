import { driverRecord } from '../../record.js';
import type { MeterDriver } from '../../types.js';

/** Diehl/Hydrometer Sharky 775 heat meter. Detection triples: drivers-table (wmbusmeters driver sharky). The
 * HYD telegrams are Diehl "real data" frames (security mode 21: swapped A-field, LFSR scrambling), see wmbus/diehl.ts. */
export const sharky: MeterDriver = {
  name: 'sharky',
  description: 'Diehl/Hydrometer Sharky 775 heat meter',
  manufacturerName: 'Diehl Metering',
  kind: 'heat',
  detect: [
    { manufacturer: 'HYD', version: 0x20, deviceType: 0x04 },
    { manufacturer: 'DME', version: 0x40, deviceType: 0x04 },
  ],
  fields: [
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'operating_time', match: { quantity: 'operating_time', storage: 0 } },
    { name: 'power', match: { quantity: 'power', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 5 } },
    { name: 'target_energy_consumption', match: { quantity: 'energy', storage: 5 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 5 } },
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0, tariff: 0 } },
    { name: 'total_energy_consumption_tariff1', match: { quantity: 'energy', storage: 0, tariff: 1 } },
    { name: 'total_volume', match: { quantity: 'volume', storage: 0, tariff: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
  ],
  // The meter sends the temperature difference in K; also offer it in °C, the unit of its two temperatures.
  decode: (t) => {
    const r = t.records.find((x) => x.quantity === 'temperature_difference' && x.storage === 0 && x.unit === 'K' && typeof x.value === 'number');
    return r ? { records: [driverRecord({ quantity: 'temperature_difference', description: 'flow minus return temperature', value: r.value, unit: '°C', raw: r.data })] } : {};
  },
  fixtures: ['sharky/'],
};
