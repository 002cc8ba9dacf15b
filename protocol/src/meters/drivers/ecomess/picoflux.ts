import type { MeterDriver } from '../../types.js';

/** Ecomess Picoflux water meter. Detection triples: drivers-table (wmbusmeters driver picoflux). */
export const picoflux: MeterDriver = {
  name: 'picoflux',
  description: 'Ecomess Picoflux water meter',
  manufacturerName: 'Ecomess',
  kind: 'water',
  detect: [
    { manufacturer: 'ECM', version: 0x05, deviceType: 0x07 },
  ],
  fields: [
    { name: 'actuality_duration', match: { quantity: 'actuality_duration', storage: 0 } },
    { name: 'total_backward', match: { quantity: 'volume', storage: 0, modifiers: ['backward flow'] } },
    { name: 'total', match: { quantity: 'volume', storage: 0, plain: true } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  // Manufacturer bits of the TPL status (wmbusmeters/wmbusmeters: drivers/src/picoflux.xmq).
  status: [
    {
      source: 'tpl_status',
      bits: {
        0x20: { flag: 'leak', text: 'LEAK_FLOW_LOW' },
        0x40: { flag: 'leak', text: 'LEAK_FLOW_HIGH' },
      },
    },
  ],
  fixtures: ['picoflux/'],
};
