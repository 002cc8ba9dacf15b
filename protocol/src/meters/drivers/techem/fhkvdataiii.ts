import type { DecodedTelegram } from '../../../wmbus/decode.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';
import { hexOf, needBytes, techemDates, word as wordAt } from './techem-payload.js';

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
export function decodeFhkvDataIII(t: DecodedTelegram): DriverExtra {
  const p = needBytes('fhkvdataiii', t.manufacturerData, 13);
  const extra = p[0] === 0x0f ? 1 : 0;
  needBytes('fhkvdataiii', p, 13 + extra);
  const word = (at: number): number => wordAt(p, at);
  const dates = techemDates(word(1), word(5));
  const roomAt = 9 + extra;

  return {
    records: [
      driverRecord({ quantity: 'hca', description: 'Heat cost allocation, current period', value: word(7), unit: 'HCA', raw: hexOf(p, 7, 2) }),
      driverRecord({ quantity: 'date', description: 'Date of the current value', value: dates.current, unit: 'date', raw: hexOf(p, 5, 2) }),
      driverRecord({ quantity: 'hca', description: 'Heat cost allocation at the previous billing date', value: word(3), unit: 'HCA', storage: 1, raw: hexOf(p, 3, 2) }),
      driverRecord({ quantity: 'date', description: 'Previous billing date', value: dates.previous, unit: 'date', storage: 1, raw: hexOf(p, 1, 2) }),
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
