import type { MeterDriver } from '../../types.js';

/**
 * Qundis Q smoke smoke detector (wmbusmeters/wmbusmeters: drivers/src/qsmoke.xmq): the date and counter of
 * the last alarm (storage 6, counter under plain-text unit record 81037C03 "#LA"), of the last test-button
 * press (storage 4, 81027C03), the error flags, the error date and the device clock. The reference notes that
 * a smoke alarm is not reported in the error flags: the alarm date and counter are what tell.
 * Fixtures: the reference's test telegrams.
 */
export const qsmoke: MeterDriver = {
  name: 'qsmoke',
  description: 'Qundis Q smoke 3/5 smoke detector',
  manufacturerName: 'Qundis',
  kind: 'smoke detector',
  detect: [
    { manufacturer: 'QDS', version: 0x21, deviceType: 0x1a },
    { manufacturer: 'QDS', version: 0x23, deviceType: 0x1a },
    { manufacturer: 'LSE', version: 0x21, deviceType: 0x1a },
    { manufacturer: 'LSE', version: 0x23, deviceType: 0x1a },
  ],
  fields: [
    { name: 'last_alarm_date', match: { quantity: 'date', storage: 6 } },
    { name: 'alarm_counter', match: { header: '81037C034C4123' } },
    { name: 'test_button_last_date', match: { quantity: 'date', storage: 4 } },
    { name: 'test_button_counter', match: { header: '81027C03495523' } },
    { name: 'message_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'transmission_counter', match: { quantity: 'access_number' } },
    { name: 'at_error_date', match: { quantity: 'date', function: 'error' } },
    { name: 'error_flags', match: { quantity: 'error_flags' } },
    { name: 'duration_since_readout', match: { quantity: 'duration_since_readout' } },
  ],
  fixtures: ['qsmoke/'],
};
