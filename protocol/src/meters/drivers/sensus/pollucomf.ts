import type { MeterDriver } from '../../types.js';
import { OMS_HEAT_METER_FIELDS } from '../../templates.js';

/** Sensus PolluCom F heat meter: standard OMS records. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/pollucomf.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const pollucomf: MeterDriver = {
  name: 'pollucomf',
  description: 'Sensus PolluCom F heat meter',
  manufacturerName: 'Sensus',
  kind: 'heat',
  detect: [
    { manufacturer: 'SEN', version: 0x1d, deviceType: 0x04 },
  ],
  fields: [
    ...OMS_HEAT_METER_FIELDS,
    { name: 'target_volume', match: { quantity: 'volume', storage: 1, tariff: 0 } },
  ],
  fixtures: ['pollucomf/'],
};
