import type { MeterDriver } from '../../types.js';

/** Apator (AMX) Unismart gas meter: uncorrected volume now and at the set date. Detection and record meanings: wmbusmeters/wmbusmeters: drivers/src/unismart.xmq; detection triples in the driver table in shared/corpus/wmbusmeters/extra.json. */
export const unismart: MeterDriver = {
  name: 'unismart',
  description: 'Apator Unismart gas meter',
  manufacturerName: 'Apator',
  kind: 'gas',
  detect: [
    { manufacturer: 'AMX', version: 0x01, deviceType: 0x03 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0, tariff: 0, subunit: 0, function: 'instantaneous' } },
    { name: 'target', match: { quantity: 'volume', storage: 1, tariff: 0, subunit: 0 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'meter_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'total_uncorrected', match: { quantity: 'volume', storage: 0, modifiers: ['uncorrected unit or value'] } },
    { name: 'target_uncorrected', match: { quantity: 'volume', storage: 1, modifiers: ['uncorrected unit or value'] } },
    { name: 'target_datetime', match: { quantity: 'datetime', storage: 1 } },
  ],
  fixtures: ['unismart/'],
};
