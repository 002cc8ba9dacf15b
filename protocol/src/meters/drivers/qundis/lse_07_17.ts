import type { MeterDriver } from '../../types.js';

/**
 * Qundis (LSE) water meters of the Q water 5 generation (wmbusmeters/wmbusmeters: drivers/src/lse_07_17.xmq):
 * total, the due-day value and date (storage 1), the month-end value and date in storage 8, error date,
 * device clock and model version. Record 02BB56 is kept as EN 13757-3 reads it (duration of the last
 * lower flow-limit exceedance, hours); the reference uses it as an error code. Fixtures: its test telegrams.
 */
export const lse_07_17: MeterDriver = {
  name: 'lse_07_17',
  description: 'Qundis (LSE) water meter',
  manufacturerName: 'Qundis',
  kind: 'water',
  detect: [
    { manufacturer: 'LSE', version: 0x18, deviceType: 0x06 },
    { manufacturer: 'LSE', version: 0x18, deviceType: 0x07 },
    { manufacturer: 'LSE', version: 0x16, deviceType: 0x07 },
    { manufacturer: 'LSE', version: 0x17, deviceType: 0x07 },
    { manufacturer: 'LSE', version: 0xd8, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'due', match: { quantity: 'volume', storage: 1 } },
    { name: 'due_date', match: { quantity: 'date', storage: 1 } },
    { name: 'consumption_at_set_date_8', match: { quantity: 'volume', storage: 8 } },
    { name: 'set_date_8', match: { quantity: 'date', storage: 8 } },
    { name: 'error_date', match: { quantity: 'date', function: 'error' } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'model_version', match: { quantity: 'model_version' } },
  ],
  fixtures: ['lse_07_17/'],
};
