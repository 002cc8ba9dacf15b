import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { expandCompactProfile } from '../../compact-profile.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/** The illegal value 0x80000000 marks an unset slot of this meter's 32-bit profile. */
const UNSET_SLOT = '00000080';

/**
 * Monthly volumes as an inverse compact profile at storage 30 (litres, 1 month spacing, newest first), dated
 * back from the storage-30 date (as wmbusmeters dates them: drivers/src/uiws.xmq); unset slots keep only
 * their date.
 */
function expandProfile(t: DecodedTelegram): DriverExtra {
  const profile = t.records.find((r) => r.quantity === 'volume' && r.storage === 30 && typeof r.value === 'string');
  if (!profile) return {};
  return { records: expandCompactProfile(t.records, profile, 0.001, 'm3').filter((r) => r.quantity !== 'volume' || r.data !== UNSET_SLOT) };
}

/** Zenner UIWS ultrasonic water meter: standard records plus a monthly profile. */
export const uiws: MeterDriver = {
  name: 'uiws',
  description: 'Zenner UIWS ultrasonic water meter',
  manufacturerName: 'Zenner',
  kind: 'water',
  detect: [{ manufacturer: 'ZRI', version: 0x99, deviceType: 0x07 }],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'flow_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'external_temperature', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'target', match: { quantity: 'volume', storage: 30, plain: true } },
    { name: 'target_date', match: { quantity: 'date', storage: 30 } },
    { name: 'month', match: { quantity: 'volume', storage: [31, 62], header: '' }, series: true },
    { name: 'month_date', match: { quantity: 'date', storage: [31, 62], header: '' }, series: true },
  ],
  decode: expandProfile,
  fixtures: ['uiws/'],
};
