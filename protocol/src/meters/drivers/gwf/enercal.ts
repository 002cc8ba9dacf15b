import type { MeterDriver } from '../../types.js';
import { temperatureDifferenceInCelsius } from '../../remap.js';

/** GWF Enercal F2 heat meter: standard OMS records; the temperature difference (K) is also given in °C as the reference decoder shows it. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/enercal.xmq; detection triples in /work/drivers-table.txt. */
export const enercal: MeterDriver = {
  name: 'enercal',
  description: 'GWF Enercal F2 heat meter',
  manufacturerName: 'GWF',
  kind: 'heat',
  detect: [
    { manufacturer: 'GWF', version: 0x08, deviceType: 0x04 },
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
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, subunit: 0 } },
  ],
  decode: (t) => ({ records: temperatureDifferenceInCelsius(t.records) }),
  fixtures: ['enercal/'],
};
