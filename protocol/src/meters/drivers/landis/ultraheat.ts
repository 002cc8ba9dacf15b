import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';

/** Landis+Gyr ULTRAHEAT heat meter: standard OMS records incl. maxima (tariff 1) and the set-date values. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/ultraheat.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const ultraheat: MeterDriver = {
  name: 'ultraheat',
  description: 'Landis+Gyr ULTRAHEAT T550 / UH50 heat meter',
  manufacturerName: 'Landis+Gyr',
  kind: 'heat',
  detect: [
    { manufacturer: 'LUG', version: 0x04, deviceType: 0x04 },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'temperature_difference', match: { quantity: 'temperature_difference', storage: 0 } },
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, tariff: 0 } },
  ],
  fixtures: ['ultraheat/'],
};
