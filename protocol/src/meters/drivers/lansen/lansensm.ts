import type { MeterDriver } from '../../types.js';

/** Lansen smoke detector: alarm/error flags and a counter. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/lansensm.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const lansensm: MeterDriver = {
  name: 'lansensm',
  description: 'Lansen smoke detector',
  manufacturerName: 'Lansen',
  kind: 'smoke detector',
  detect: [
    { manufacturer: 'LAS', version: 0x03, deviceType: 0x1a },
  ],
  fields: [
    { name: 'minutes_since_last_manual_test', match: { header: '04FD3A' } },
  ],
  // Alarm and error bits of the error-flags record (02FD97 1D); MANUAL_TEST (0x08) is no fault and has no flag.
  status: [
    {
      source: { quantity: 'error_flags', storage: 0 },
      bits: {
        0x0002: { flag: 'battery_low', text: 'LOW_BATTERY' },
        0x0004: { flag: 'smoke', text: 'SMOKE' },
        0x0010: { flag: 'error', text: 'MALFUNCTION' },
        0x0020: { flag: 'error', text: 'NO_CONNECTION_TO_SMOKE_DETECTOR' },
        0x0100: { flag: 'error', text: 'SMOKE_SENSOR_END_OF_LIFE' },
      },
    },
  ],
  fixtures: ['lansensm/'],
};
