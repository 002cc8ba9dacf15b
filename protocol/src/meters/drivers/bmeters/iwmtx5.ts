import type { MeterDriver } from '../../types.js';

/** B meters IWM-TX5 water meter. Detection triples: drivers-table (wmbusmeters driver iwmtx5). */
export const iwmtx5: MeterDriver = {
  name: 'iwmtx5',
  description: 'B meters IWM-TX5 water meter',
  manufacturerName: 'B METERS',
  kind: 'water',
  detect: [
    { manufacturer: 'BMT', version: 0x18, deviceType: 0x07 },
    { manufacturer: 'BMT', version: 0x18, deviceType: 0x06 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  // manufacturer bits of the TPL status (wmbusmeters/wmbusmeters: drivers/src/iwmtx5.xmq)
  status: [
    {
      source: 'tpl_status',
      bits: {
      0x40: { flag: 'tamper', text: 'TAMPER' },
      },
    },
  ],
  fixtures: ['iwmtx5/'],
};
