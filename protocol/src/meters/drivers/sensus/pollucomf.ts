import type { MeterDriver } from '../../types.js';

/** Sensus PolluCom F heat meter: standard OMS records. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/pollucomf.xmq; detection triples in /work/drivers-table.txt. */
export const pollucomf: MeterDriver = {
  name: 'pollucomf',
  description: 'Sensus PolluCom F heat meter',
  manufacturerName: 'Sensus',
  kind: 'heat',
  detect: [
    { manufacturer: 'SEN', version: 0x1d, deviceType: 0x04 },
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
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, tariff: 0 } },
  ],
  fixtures: ['pollucomf/'],
};
