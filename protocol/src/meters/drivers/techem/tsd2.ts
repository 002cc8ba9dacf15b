import { WmbusError } from '../../../errors.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * Techem smoke detector (TSD2, CI A0 manufacturer payload). Byte 0: status (0 OK, 1 smoke, other values
 * unknown). Bytes 1-2: date of the previous billing period, little-endian, day in bits 0-4, month in bits 5-8,
 * year since 2000 in bits 9-15. Facts: wmbusmeters/wmbusmeters: drivers/src/tsd2.xmq.
 */
function decodeTsd2(t: DecodedTelegram): DriverExtra {
  const p = t.manufacturerData;
  if (!p || p.length < 3) throw new WmbusError('DRIVER_PAYLOAD', `tsd2: payload of ${p?.length ?? 0} bytes, 3 needed (status, date)`);
  const status = p[0]!;
  const word = p[1]! | (p[2]! << 8);
  const day = word & 0x1f;
  const month = (word >> 5) & 0x0f;
  const year = 2000 + (word >> 9);
  const valid = day >= 1 && day <= 31 && month >= 1 && month <= 12;
  const date = valid ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
  const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');
  const flags: DriverExtra['flags'] = status === 0 ? [] : status === 1 ? [{ flag: 'smoke', text: 'SMOKE' }] : [{ flag: 'error', text: `STATUS_${hex(status)}` }];
  return {
    records: [
      driverRecord({ quantity: 'smoke_status', description: 'Detector status (0 OK, 1 smoke)', value: status, unit: '', raw: hex(status) }),
      driverRecord({ quantity: 'date', description: 'Date of the previous billing period', value: date, unit: 'date', storage: 1, raw: hex(p[1]!) + hex(p[2]!) }),
    ],
    flags,
  };
}

export const tsd2: MeterDriver = {
  name: 'tsd2',
  description: 'Techem smoke detector TSD2',
  manufacturerName: 'Techem',
  kind: 'smoke detector',
  detect: [{ manufacturer: 'TCH', version: 0x76, deviceType: 0xf0 }],
  fields: [
    { name: 'status', match: { quantity: 'smoke_status' } },
    { name: 'previous_billing_date', match: { quantity: 'date', storage: 1 } },
  ],
  decode: decodeTsd2,
  fixtures: ['tsd2/'],
};
