import type { MeterDriver } from '../../types.js';

/** Elster gas meter: total volume and remaining battery life. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/elster.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const elster: MeterDriver = {
  name: 'elster',
  description: 'Elster BK-G gas meter with radio module',
  manufacturerName: 'Elster',
  kind: 'gas',
  detect: [
    { manufacturer: 'ELS', version: 0x81, deviceType: 0x03 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'volume', storage: 1, tariff: 0, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'remaining_battery_life', match: { quantity: 'remaining_battery_life' } },
  ],
  fixtures: ['elster/'],
};
