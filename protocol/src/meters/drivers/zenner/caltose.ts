import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { expandCompactProfile } from '../../compact-profile.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * The monthly units come as an inverse compact profile at storage 8 (1 month spacing, newest first); the
 * shared expander turns it into dated records 9, 10, ... (dated from the storage-8 date, as wmbusmeters
 * dates them: drivers/src/caltose.xmq).
 */
function expandProfile(t: DecodedTelegram): DriverExtra {
  const profile = t.records.find((r) => r.quantity === 'hca' && r.storage === 8 && typeof r.value === 'string');
  return profile ? { records: expandCompactProfile(t.records, profile, 1, 'HCA') } : {};
}

/** Zenner Caltos E (ZRI, version FC) electronic heat cost allocator: standard records plus a monthly profile. */
export const caltose: MeterDriver = {
  name: 'caltose',
  description: 'Zenner Caltos E heat cost allocator',
  manufacturerName: 'Zenner',
  kind: 'hca',
  detect: [{ manufacturer: 'ZRI', version: 0xfc, deviceType: 0x08 }],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'base', match: { quantity: 'hca', storage: 8, plain: true } },
    { name: 'base_date', match: { quantity: 'date', storage: 8 } },
    { name: 'consumption', match: { quantity: 'hca', storage: [9, 40] }, series: true },
    { name: 'consumption_date', match: { quantity: 'date', storage: [9, 40] }, series: true },
  ],
  // TPL status bits of this meter (wmbusmeters/wmbusmeters: drivers/src/caltose.xmq).
  status: [{ source: 'tpl_status', bits: { 0x20: { flag: 'removed', text: 'REMOVAL' } } }],
  decode: expandProfile,
  fixtures: ['caltose/'],
};
