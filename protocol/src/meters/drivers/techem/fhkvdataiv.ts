import { expandCompactProfile } from '../../compact-profile.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * Techem FHKV data IV heat cost allocator (OMS mode 5): current units, units at the set date (storage 1) with
 * its date, and a monthly compact profile (HCA, VIFE 0x1F) based on storage 8 (value and date), which
 * becomes dated history in storages 9..22. radio.md § 8.5; detection from
 * wmbusmeters/wmbusmeters: drivers/src/fhkvdataiv.xmq.
 */
function expandHistory(t: DecodedTelegram): DriverExtra {
  const profile = t.records.find((r) => r.quantity === 'hca' && r.unit === 'raw');
  if (!profile) return {};
  // VIF 6E: HCA units without scaling.
  return { records: expandCompactProfile(t.records, profile, 1, 'HCA') };
}

export const fhkvdataiv: MeterDriver = {
  name: 'fhkvdataiv',
  description: 'Techem FHKV data IV electronic heat cost allocator',
  manufacturerName: 'Techem',
  kind: 'hca',
  detect: [
    { manufacturer: 'TCH', version: 0x69, deviceType: 0x08 },
    { manufacturer: 'TCH', version: 0x94, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current_consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: 1 } },
    { name: 'set_date_8', match: { quantity: 'date', storage: 8 } },
    { name: 'consumption_at_set_date_8', match: { quantity: 'hca', storage: 8, plain: true } },
    { name: 'consumption_at_month_end', match: { quantity: 'hca', storage: [9, 22], plain: true }, series: true },
    { name: 'consumption_in_month', match: { quantity: 'hca', storage: [9, 22], modifiers: ['increment'] }, series: true },
    { name: 'month_end_date', match: { quantity: 'date', storage: [9, 22] }, series: true },
  ],
  status: [],
  decode: expandHistory,
  fixtures: ['fhkvdataiv/'],
};
