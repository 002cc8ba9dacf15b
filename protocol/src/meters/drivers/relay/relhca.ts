import type { MeterDriver } from '../../types.js';

/**
 * Relay heat cost allocator read over wired M-Bus (device type 00): units now and at the set date, the set
 * date and the next set date (a future-value date). Record meanings: wmbusmeters/wmbusmeters: drivers/src/relhca.xmq.
 */
export const relhca: MeterDriver = {
  name: 'relhca',
  description: 'Relay heat cost allocator (wired M-Bus)',
  manufacturerName: 'Relay',
  kind: 'hca',
  detect: [{ manufacturer: 'REL', version: 0x41, deviceType: 0x00 }],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1, plain: true } },
    { name: 'next_target_date', match: { quantity: 'date', storage: 1, modifiers: ['future value'] } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
  ],
  // MyRelHCA's clock (046D) has the IV bit set: its record shows the encoded 2024-02-23T02:28 flagged invalid,
  // the meter_datetime field and the reading view have no meter time.
  fixtures: ['relhca/MyRelHCA.json'],
};
