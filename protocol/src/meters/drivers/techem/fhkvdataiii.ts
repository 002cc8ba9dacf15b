import { WmbusError } from '../../../errors.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

/**
 * Techem FHKV data III heat cost allocator. Its data is a manufacturer payload after CI A0/A2 (radio.md § 8.6),
 * layout from wmbusmeters/wmbusmeters: drivers/src/fhkvdataiii.xmq (facts only):
 *   byte 0      format: 0x01 / 0x11 (version 0x69), 0x0F (version 0x94, one extra byte before the temperatures)
 *   word        previous billing date: day bits 0-4, month bits 5-8, year-2000 bits 9-15
 *   word        HCA at the previous billing date
 *   word        current date: day bits 4-8, month bits 9-12 (no year: it follows the previous date)
 *   word        current HCA
 *   [byte]      (format 0x0F only)
 *   word        room temperature, 1/100 °C
 *   word        radiator temperature, 1/100 °C
 * All words little-endian.
 */
const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const hexOf = (b: Uint8Array, at: number, len: number): string => {
  let s = '';
  for (let i = at; i < at + len; i++) s += (b[i]! < 16 ? '0' : '') + b[i]!.toString(16).toUpperCase();
  return s;
};

export function decodeFhkvDataIII(t: DecodedTelegram): DriverExtra {
  const p = t.manufacturerData;
  if (!p || p.length < 13) throw new WmbusError('DRIVER_PAYLOAD', `fhkvdataiii: manufacturer payload of ${p?.length ?? 0} bytes, need 13`);
  const extra = p[0] === 0x0f ? 1 : 0;
  if (p.length < 13 + extra) throw new WmbusError('DRIVER_PAYLOAD', `fhkvdataiii: manufacturer payload of ${p.length} bytes, need ${13 + extra}`);
  const word = (at: number): number => p[at]! | (p[at + 1]! << 8);

  const prevRaw = word(1);
  const prevDay = prevRaw & 0x1f;
  const prevMonth = (prevRaw >> 5) & 0x0f;
  const prevYear = 2000 + (prevRaw >> 9);
  const currRaw = word(5);
  // Day 0 / month 0 are read as the first day / the last month, as the reference does.
  const currDay = ((currRaw >> 4) & 0x1f) || 1;
  const currMonth = ((currRaw >> 9) & 0x0f) || 12;
  // The current date lies after the previous billing date, within a year.
  const rolled = currMonth < prevMonth || (currMonth === prevMonth && currDay <= prevDay);
  const currYear = prevYear + (rolled ? 1 : 0);
  const roomAt = 9 + extra;

  return {
    records: [
      driverRecord({ quantity: 'hca', description: 'Heat cost allocation, current period', value: word(7), unit: 'HCA', raw: hexOf(p, 7, 2) }),
      driverRecord({ quantity: 'date', description: 'Date of the current value', value: `${currYear}-${pad(currMonth)}-${pad(currDay)}`, unit: 'date', raw: hexOf(p, 5, 2) }),
      driverRecord({ quantity: 'hca', description: 'Heat cost allocation at the previous billing date', value: word(3), unit: 'HCA', storage: 1, raw: hexOf(p, 3, 2) }),
      driverRecord({ quantity: 'date', description: 'Previous billing date', value: `${prevYear}-${pad(prevMonth)}-${pad(prevDay)}`, unit: 'date', storage: 1, raw: hexOf(p, 1, 2) }),
      driverRecord({ quantity: 'external_temperature', description: 'Room temperature', value: word(roomAt) / 100, unit: '°C', raw: hexOf(p, roomAt, 2) }),
      driverRecord({ quantity: 'return_temperature', description: 'Radiator temperature', value: word(roomAt + 2) / 100, unit: '°C', raw: hexOf(p, roomAt + 2, 2) }),
    ],
  };
}

export const fhkvdataiii: MeterDriver = {
  name: 'fhkvdataiii',
  description: 'Techem FHKV data III electronic heat cost allocator',
  manufacturerName: 'Techem',
  kind: 'hca',
  detect: [
    { manufacturer: 'TCH', version: 0x69, deviceType: 0x80 },
    { manufacturer: 'TCH', version: 0x94, deviceType: 0x80 },
  ],
  fields: [
    { name: 'current', match: { quantity: 'hca', storage: 0 } },
    { name: 'current_date', match: { quantity: 'date', storage: 0 } },
    { name: 'previous', match: { quantity: 'hca', storage: 1 } },
    { name: 'previous_date', match: { quantity: 'date', storage: 1 } },
    { name: 'temp_room', match: { quantity: 'external_temperature' } },
    { name: 'temp_radiator', match: { quantity: 'return_temperature' } },
  ],
  decode: decodeFhkvDataIII,
  fixtures: ['fhkvdataiii/'],
};
