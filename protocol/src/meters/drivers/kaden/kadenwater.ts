import type { MeterDriver } from '../../types.js';

/** Kaden water meter. Detection triples: drivers-table (wmbusmeters driver kadenwater). */
export const kadenwater: MeterDriver = {
  name: 'kadenwater',
  description: 'Kaden water meter',
  manufacturerName: 'Kaden / Ecomess',
  kind: 'water',
  detect: [
    { manufacturer: 'KDN', version: 0x01, deviceType: 0x07 },
    { manufacturer: 'VIP', version: 0x01, deviceType: 0x07 },
  ],
  fields: [
    { name: 'max_flow', match: { quantity: 'volume_flow', storage: 0, function: 'maximum' } },
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  // Manufacturer bits of the TPL status (wmbusmeters/wmbusmeters: drivers/src/kadenwater.xmq).
  status: [
    {
      source: 'tpl_status',
      bits: {
        0x20: { flag: 'leak', text: 'LEAK_FLOW_LOW' },
        0x40: { flag: 'leak', text: 'LEAK_FLOW_HIGH' },
      },
    },
  ],
  fixtures: ['kadenwater/'],
};
