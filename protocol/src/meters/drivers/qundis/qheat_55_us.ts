import type { MeterDriver } from '../../types.js';

/**
 * Qundis Q heat 5.5 US heat meter (built by Landis+Gyr, hence LUG): current energy, the key-date (yearly)
 * value in storage 1 and 13 month-end values in storages 2..14, of which only the newest carries a date; the
 * older ones are the month ends before it. Detection: wmbusmeters/wmbusmeters: drivers/src/qheat_55_us.xmq.
 */
export const qheat_55_us: MeterDriver = {
  name: 'qheat_55_us',
  description: 'Qundis Q heat 5.5 US heat meter',
  manufacturerName: 'Qundis',
  kind: 'heat',
  detect: [
    { manufacturer: 'LUG', version: 0x07, deviceType: 0x04 },
    { manufacturer: 'LUG', version: 0x0a, deviceType: 0x04 },
  ],
  fields: [
    { name: 'total_energy_consumption', match: { quantity: 'energy', storage: 0 } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'key_datetime', match: { quantity: 'datetime', storage: 1 } },
    { name: 'key_datetime_energy', match: { quantity: 'energy', storage: 1 } },
    { name: 'prev_month_datetime', match: { quantity: 'datetime', storage: 2 } },
    { name: 'prev_month', match: { quantity: 'energy', storage: [2, 14] }, series: true },
    { name: 'actuality_duration', match: { quantity: 'actuality_duration' } },
    { name: 'time_without_measurement', match: { quantity: 'on_time', function: 'error' } },
  ],
  history: { storage: [2, 14], derive: 'month-ends-before-meter-time' },
  fixtures: ['qheat_55_us/'],
};
