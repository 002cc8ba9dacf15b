import type { MeterDriver } from '../../types.js';

/**
 * Qundis (LSE) heat cost allocator of the older generation: the last month-end value with its date in
 * storage 8, the meter clock, the time since the last readout and the model version.
 * Detection: wmbusmeters/wmbusmeters: drivers/src/lse_08.xmq.
 */
export const lse_08: MeterDriver = {
  name: 'lse_08',
  description: 'Qundis (LSE) heat cost allocator, version 01',
  manufacturerName: 'Qundis',
  kind: 'hca',
  detect: [{ manufacturer: 'LSE', version: 0x01, deviceType: 0x08 }],
  fields: [
    { name: 'set_date', match: { quantity: 'date', storage: 8 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: 8 } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'duration_since_readout', match: { quantity: 'duration_since_readout' } },
    { name: 'model_version', match: { quantity: 'model_version' } },
  ],
  // Storage 8 is the most recent month end (its own date record), so no derived history.
  fixtures: ['lse_08/'],
};
