import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

type Temp = 'external_temperature' | 'flow_temperature';
const AMBIENT: Temp = 'external_temperature';
const HEATER: Temp = 'flow_temperature';

/** Signed 16-bit LE temperature in 1/100 °C; 0x8000 marks "no value". */
function temperature(d: Uint8Array, o: number, quantity: Temp, description: string, storage = 0, max = false): DataRecord | null {
  const raw = d[o]! | (d[o + 1]! << 8);
  if (raw === 0x8000) return null;
  const r = driverRecord({ quantity, description, value: ((raw << 16) >> 16) / 100, unit: '°C', storage });
  if (max) r.function = 'maximum';
  return r;
}

const u16 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8);
const u24 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16);

/**
 * Hydroclima manufacturer block (after DIF 0F), two layouts told apart by their first byte; order of the
 * words from `wmbusmeters/wmbusmeters: drivers/src/hydroclimav2.xmq`:
 * - 0x10: status, time, date, average ambient, max ambient (+ date), number of measurements, previous-period
 *   average ambient and heater, units, total units (u24);
 * - 0x11: status, time, date, housing-open date, average heater and ambient, max ambient (+ date), previous
 *   average heater and ambient, 4 consumption and 3 ambient-temperature history values (newest first),
 *   9 bytes of temperature bin counters, total units (u24).
 * History values go to storage 2.. (storage 1 is the set-date value of the standard records).
 */
function decodeHydroclima(t: DecodedTelegram): DriverExtra {
  const d = t.manufacturerData;
  if (!d || d.length < 3) return {};
  const out: (DataRecord | null)[] = [driverRecord({ quantity: 'error_flags', description: 'status word', value: u16(d, 1), unit: '' })];
  if (d[0] === 0x10 && d.length >= 24) {
    out.push(
      temperature(d, 7, AMBIENT, 'average ambient temperature'),
      temperature(d, 9, AMBIENT, 'max ambient temperature', 0, true),
      temperature(d, 15, AMBIENT, 'average ambient temperature, previous period', 1),
      temperature(d, 17, HEATER, 'average heater temperature, previous period', 1),
      driverRecord({ quantity: 'hca', description: 'total units, all periods', value: u24(d, 21), unit: 'HCA', storage: 10 }),
    );
  } else if (d[0] === 0x11 && d.length >= 47) {
    out.push(
      temperature(d, 9, HEATER, 'average heater temperature'),
      temperature(d, 11, AMBIENT, 'average ambient temperature'),
      temperature(d, 13, AMBIENT, 'max ambient temperature', 0, true),
      temperature(d, 17, HEATER, 'average heater temperature, previous period', 1),
      temperature(d, 19, AMBIENT, 'average ambient temperature, previous period', 1),
    );
    for (let i = 0; i < 4; i++) out.push(driverRecord({ quantity: 'hca', description: `units at set date ${i + 1}`, value: u16(d, 21 + 2 * i), unit: 'HCA', storage: 2 + i }));
    for (let i = 0; i < 3; i++) out.push(temperature(d, 29 + 2 * i, AMBIENT, `ambient temperature at set date ${i + 1}`, 2 + i));
    out.push(driverRecord({ quantity: 'hca', description: 'total units, all periods', value: u24(d, 44), unit: 'HCA', storage: 10 }));
  }
  return { records: out.filter((r): r is DataRecord => r !== null) };
}

/** B meters Hydroclima RFM electronic heat cost allocator: standard units plus a manufacturer block. */
export const hydroclimav2: MeterDriver = {
  name: 'hydroclimav2',
  description: 'B meters Hydroclima RFM heat cost allocator',
  manufacturerName: 'B METERS',
  kind: 'hca',
  detect: [
    { manufacturer: 'BMP', version: 0x53, deviceType: 0x08 },
    { manufacturer: 'BMP', version: 0x85, deviceType: 0x08 },
  ],
  fields: [
    { name: 'consumption', match: { quantity: 'hca', storage: 0 } },
    { name: 'target', match: { quantity: 'hca', storage: 1 } },
    { name: 'target_date', match: { quantity: 'date', storage: 1 } },
    { name: 'consumption_at_set_date', match: { quantity: 'hca', storage: [2, 5], header: '' }, series: true },
    { name: 'total_consumption', match: { quantity: 'hca', storage: 10 } },
    { name: 'average_ambient_temperature', match: { quantity: 'external_temperature', storage: 0, function: 'instantaneous' } },
    { name: 'max_ambient_temperature', match: { quantity: 'external_temperature', storage: 0, function: 'maximum' } },
    { name: 'average_heater_temperature', match: { quantity: 'flow_temperature', storage: 0 } },
    { name: 'average_ambient_temperature_last_month', match: { quantity: 'external_temperature', storage: 1 } },
    { name: 'average_heater_temperature_last_month', match: { quantity: 'flow_temperature', storage: 1 } },
    { name: 'ambient_temperature_at_set_date', match: { quantity: 'external_temperature', storage: [2, 4] }, series: true },
  ],
  decode: decodeHydroclima,
  fixtures: ['hydroclimav2/', 'hydroclima/HCA.json'],
};
