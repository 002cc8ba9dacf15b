import type { MeterDriver } from '../../types.js';

/** B meters Hydrocal-M3 heat/cooling meter. Detection triples: drivers-table (wmbusmeters driver hydrocalm3). */
export const hydrocalm3: MeterDriver = {
  name: 'hydrocalm3',
  description: 'B meters Hydrocal-M3 heat/cooling meter',
  manufacturerName: 'B METERS',
  kind: 'heat',
  detect: [
    { manufacturer: 'BMT', version: 0x0b, deviceType: 0x0d },
  ],
  fields: [
    { name: 'total_heating', match: { quantity: 'energy', storage: 0 } },
    { name: 'total_cooling', match: { quantity: 'energy', storage: 0 } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_heating', match: { quantity: 'volume', storage: 0 } },
    { name: 'total_cooling', match: { quantity: 'volume', storage: 0 } },
    { name: 'supply_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'return_temperature', match: { quantity: 'return_temperature', storage: 0 } },
  ],
  // manufacturer bits of the TPL status (wmbusmeters/wmbusmeters: drivers/src/hydrocalm3.xmq)
  status: [
    {
      source: 'tpl_status',
      bits: {
      0x80: { flag: 'tamper', text: 'SABOTAGE_ENCLOSURE' },
      },
    },
  ],
  fixtures: ['hydrocalm3/'],
};
