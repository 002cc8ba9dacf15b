import type { MeterDriver } from '../../types.js';
import { temperatureDifferenceInCelsius } from '../../remap.js';

/** Axioma Qualcosonic heat/cooling meter: heat energy (forward flow), cooling energy (backward flow), values at the month end (storage 16). Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/qualcosonic.xmq; detection triples in /work/drivers-table.txt. */
export const qualcosonic: MeterDriver = {
  name: 'qualcosonic',
  description: 'Axioma Qualcosonic E3/E4 heat and cooling meter',
  manufacturerName: 'Axioma Metering',
  kind: 'heat/cooling',
  detect: [
    { manufacturer: 'AXI', version: 0x0b, deviceType: 0x0d },
    { manufacturer: 'AXI', version: 0x0c, deviceType: 0x0d },
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
    { name: 'total_heat_energy', match: { quantity: 'energy', storage: 0, modifiers: ['forward flow'] } },
    { name: 'total_cooling_energy', match: { quantity: 'energy', storage: 0, modifiers: ['backward flow'] } },
    { name: 'target_heat_energy', match: { quantity: 'energy', storage: 16, modifiers: ['forward flow'] } },
    { name: 'target_cooling_energy', match: { quantity: 'energy', storage: 16, modifiers: ['backward flow'] } },
    { name: 'target_datetime', match: { quantity: 'datetime', storage: 16 } },
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
  ],
  decode: (t) => ({ records: temperatureDifferenceInCelsius(t.records) }),
  fixtures: ['qualcosonic/'],
};
