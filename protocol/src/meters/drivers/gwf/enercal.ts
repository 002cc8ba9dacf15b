import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';
import { temperatureDifferenceInCelsius } from '../../remap.js';

/** GWF Enercal F2 heat meter: standard OMS records; the temperature difference (K) is also given in °C as the reference decoder shows it. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/enercal.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const enercal: MeterDriver = {
  name: 'enercal',
  description: 'GWF Enercal F2 heat meter',
  manufacturerName: 'GWF',
  kind: 'heat',
  detect: [
    { manufacturer: 'GWF', version: 0x08, deviceType: 0x04 },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, subunit: 0 } },
  ],
  decode: (t) => ({ records: temperatureDifferenceInCelsius(t.records) }),
  fixtures: ['enercal/'],
};
