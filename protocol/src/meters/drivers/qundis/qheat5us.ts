import type { MeterDriver } from '../../types.js';

/**
 * Qundis Q heat 5 US heat meter: current energy, energy at the set date (storage 1) with its date, error date
 * (FFFF = none), meter clock and fabrication number; plain OMS records.
 * Detection: wmbusmeters/wmbusmeters: drivers/src/qheat5us.xmq.
 */
export const qheat5us: MeterDriver = {
  name: 'qheat5us',
  description: 'Qundis Q heat 5 US ultrasonic heat meter',
  manufacturerName: 'Qundis',
  kind: 'heat',
  detect: [{ manufacturer: 'LSE', version: 0x23, deviceType: 0x04 }],
  fields: [
    { name: 'total', match: { quantity: 'energy', storage: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'energy', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_date_at_error', match: { quantity: 'date', function: 'error' } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'fabrication_no', match: { quantity: 'fabrication_number' } },
  ],
  fixtures: ['qheat5us/'],
};
