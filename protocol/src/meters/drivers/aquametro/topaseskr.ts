import type { MeterDriver } from '../../types.js';
import { BATTERY_DAYS } from '../../deviation-reasons.js';

/**
 * Aquametro Topas Sonic ES KR ultrasonic water meter: total, the year-period end value and date
 * (storage 1, tariff 1 the reverse volume), the month-period end value with its date-time (storage 3),
 * flow, water temperature and remaining battery life. Record meanings: wmbusmeters/wmbusmeters: drivers/src/topaseskr.xmq.
 */
export const topaseskr: MeterDriver = {
  name: 'topaseskr',
  description: 'Aquametro Topas Sonic ES KR ultrasonic water meter',
  manufacturerName: 'Aquametro',
  kind: 'water',
  detect: [
    { manufacturer: 'AMT', version: 0xf1, deviceType: 0x06 },
    { manufacturer: 'AMT', version: 0xf1, deviceType: 0x07 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0 } },
    { name: 'volume_year_period', match: { quantity: 'volume', storage: 1, tariff: 0 } },
    { name: 'reverse_volume_year_period', match: { quantity: 'volume', storage: 1, tariff: 1 } },
    { name: 'year_period_end_date', match: { quantity: 'date', storage: 1 } },
    { name: 'volume_month_period', match: { quantity: 'volume', storage: 3 } },
    { name: 'month_period_end_datetime', match: { quantity: 'datetime', storage: 3 } },
    { name: 'volume_flow', match: { quantity: 'volume_flow', storage: 0 } },
    { name: 'temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'remaining_battery_life', match: { quantity: 'remaining_battery_life' } },
    { name: 'access_counter', match: { quantity: 'access_number' } },
  ],
  fixtures: ['topaseskr/'],
  deviations: {
    'topaseskr/Witer.json': { battery_y: BATTERY_DAYS },
    'topaseskr/Witer_2.json': { battery_y: BATTERY_DAYS },
    'topaseskr/Woter.json': { battery_y: BATTERY_DAYS },
  },
};
