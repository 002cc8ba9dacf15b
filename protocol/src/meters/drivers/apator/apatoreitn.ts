import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra, MeterDriver } from '../../types.js';

const two = (n: number): string => (n < 10 ? '0' : '') + n;
const u16 = (d: Uint8Array, o: number): number => d[o]! | (d[o + 1]! << 8);

/** Packed date: day bits 0–4, month bits 5–8, year (from 2000) bits 9–13; 0 = not set. */
function packedDate(raw: number): string | null {
  const day = raw & 0x1f;
  const month = (raw >> 5) & 0x0f;
  if (raw === 0 || raw === 0xffff || day === 0 || month === 0 || month > 12) return null;
  return `${2000 + ((raw >> 9) & 0x1f)}-${two(month)}-${two(day)}`;
}

/** Temperature as 8.8 fixed point °C. */
const temperature = (raw: number): number => (raw >> 8) + (raw & 0xff) / 256;

/**
 * Apator e-ITN 30 payload, layout from `wmbusmeters/wmbusmeters: drivers/src/apatoreitn.xmq`: season start
 * date low byte (high byte 0xA0), 2 bytes, previous-season units, ESB (seal) date, current units, current date,
 * previous and current average room temperature (all LE words). CI B6 frames put a length-prefixed block and
 * an 0xA0 byte before it; some CI A0 frames repeat the 0xA0.
 */
function decodeEitn(t: DecodedTelegram): DriverExtra {
  let d = t.manufacturerData;
  if (!d) return {};
  if (t.tpl.ci === 0xb6) {
    const skip = d[0]! + 1;
    if (d[skip] !== 0xa0) return {};
    d = d.subarray(skip + 1);
  } else if (d.length === 16 && d[0] === 0xa0) {
    d = d.subarray(1);
  }
  if (d.length < 15) return {};
  const records: DataRecord[] = [
    driverRecord({ quantity: 'hca', description: 'units, current season', value: u16(d, 7), unit: 'HCA' }),
    driverRecord({ quantity: 'hca', description: 'units, previous season', value: u16(d, 3), unit: 'HCA', storage: 1 }),
    driverRecord({ quantity: 'external_temperature', description: 'average room temperature', value: temperature(u16(d, 13)), unit: '°C' }),
    driverRecord({ quantity: 'external_temperature', description: 'average room temperature, previous season', value: temperature(u16(d, 11)), unit: '°C', storage: 1 }),
  ];
  const current = packedDate(u16(d, 9));
  if (current) records.push(driverRecord({ quantity: 'date', description: 'current date', value: current, unit: 'date' }));
  const season = packedDate(0xa000 | d[0]!);
  if (season) records.push(driverRecord({ quantity: 'date', description: 'season start', value: season, unit: 'date', storage: 2 }));
  const esbRaw = u16(d, 5);
  const esb = packedDate(esbRaw);
  if (esb) {
    const r = driverRecord({ quantity: 'date', description: 'electronic seal broken', value: esb, unit: 'date' });
    r.function = 'error';
    records.push(r);
  }
  return { records, ...(esbRaw === 0xffff ? { flags: [{ flag: 'tamper' as const, text: 'SEAL_BROKEN' }] } : {}) };
}

/** Apator e-ITN 30 electronic heat cost allocator (manufacturer payload, CI A0 / B6). */
export const apatoreitn: MeterDriver = {
  name: 'apatoreitn',
  description: 'Apator e-ITN 30 heat cost allocator',
  manufacturerName: 'Apator',
  kind: 'hca',
  detect: [
    { manufacturer: 'APA', version: 0x04, deviceType: 0x08 },
    { manufacturer: 'APT', version: 0x04, deviceType: 0x08 },
  ],
  fields: [
    { name: 'current', match: { quantity: 'hca', storage: 0 } },
    { name: 'previous', match: { quantity: 'hca', storage: 1 } },
    { name: 'current_date', match: { quantity: 'date', storage: 0, function: 'instantaneous' } },
    { name: 'season_start_date', match: { quantity: 'date', storage: 2 } },
    { name: 'esb_date', match: { quantity: 'date', function: 'error' } },
    { name: 'temp_room_avg', match: { quantity: 'external_temperature', storage: 0 } },
    { name: 'temp_room_prev_avg', match: { quantity: 'external_temperature', storage: 1 } },
  ],
  decode: decodeEitn,
  fixtures: ['apatoreitn/'],
};
