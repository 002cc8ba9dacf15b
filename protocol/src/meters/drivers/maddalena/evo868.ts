import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord, validTimePoint } from '../../record.js';
import { monthEndBefore } from '../../reading.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * The monthly history (storage 8..19, storage interval one month, 8104FD28) carries one date, at storage 8;
 * each further storage is one month end earlier (as wmbusmeters dates them: drivers/src/evo868.xmq).
 */
function historyDates(t: DecodedTelegram): DriverExtra {
  const ref = t.records.find((r) => r.quantity === 'date' && r.storage === 8 && validTimePoint(r) !== undefined);
  if (!ref) return {};
  const records = [];
  for (const r of t.records) {
    if (r.quantity === 'volume' && r.storage > 8 && r.storage <= 19) {
      records.push(driverRecord({ quantity: 'date', description: 'month end (derived)', value: monthEndBefore(ref.value as string, r.storage - 8), unit: 'date', storage: r.storage }));
    }
  }
  return { records };
}

/** Maddalena EVO 868 water meter radio module: standard records, monthly history dated from storage 8. */
export const evo868: MeterDriver = {
  name: 'evo868',
  description: 'Maddalena EVO 868 water meter',
  manufacturerName: 'Maddalena',
  kind: 'water',
  detect: [
    { manufacturer: 'MAD', version: 0x50, deviceType: 0x06 },
    { manufacturer: 'MAD', version: 0x50, deviceType: 0x07 },
    { manufacturer: 'MAD', version: 0x50, deviceType: 0x16 },
  ],
  fields: [
    { name: 'total', match: { quantity: 'volume', storage: 0 } },
    { name: 'device_datetime', match: { quantity: 'datetime', storage: 0 } },
    { name: 'consumption_at_set_date', match: { quantity: 'volume', storage: 1 } },
    { name: 'set_date', match: { quantity: 'date', storage: 1 } },
    { name: 'max_flow_since_datetime', match: { quantity: 'volume_flow', storage: 3, function: 'maximum' } },
    { name: 'max_flow_datetime', match: { quantity: 'datetime', storage: 3 } },
    { name: 'consumption_at_history', match: { quantity: 'volume', storage: [8, 19] }, series: true },
    { name: 'history_date', match: { quantity: 'date', storage: [8, 19] }, series: true },
  ],
  decode: historyDates,
  fixtures: ['evo868/'],
};
