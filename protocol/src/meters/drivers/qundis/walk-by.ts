/**
 * The Qundis / Siemens "WalkByDataSet" block: a manufacturer record DIF 0D, VIF FF, VIFE 5F (LVAR, 53 bytes)
 * that Q water, Q heat and Q caloric meters send in their short (CI 78) telegrams instead of plain records.
 * Layout (wmbusmeters/wmbusmeters: drivers/src/qwaterv2.xmq, qheatv2.xmq, qcaloric.xmq; facts only):
 *   0..8   header: [1] 0x82 = type 2 WalkByDataSet, [2] transmission counter, [8] meter type
 *          (0xB0 HCA, 0xC0 heat, 0xC1 water)
 *   9      VIF of all values: 0x13 volume (l), 0x6E HCA, 0x05 / 0x06 energy (100 Wh / kWh), 0x0D / 0x0E (100 kJ / MJ)
 *   10     date (type G) of the last error, FFFF = none
 *   12     current value, 8-digit BCD
 *   16     date of the yearly set day (storage 1), 20 its value (BCD)
 *   24     date of the last month end (storage 17), 26 its value (BCD)
 *   30     12 signed 16-bit monthly consumptions, newest first (storage 2..13): storage 2 is the month that
 *          ends on the storage-17 date, storage 3 the month before, ...; 0x8000 = no value (EN 13757-3 type B)
 * For volume and energy the month-end register values follow from the storage-17 value minus the monthly
 * consumptions, and are given dated in storage 2..13 (Q heat: storage 2 lands exactly on the yearly value).
 * An HCA restarts at its set day, so no register values are derived for it.
 */
import { WmbusError } from '../../../errors.js';
import { decodeDateG } from '../../../wmbus/dates.js';
import type { DecodedTelegram } from '../../../wmbus/decode.js';
import type { DataRecord } from '../../../wmbus/types.js';
import { driverRecord } from '../../record.js';
import type { DriverExtra } from '../../types.js';
import { monthEndBack } from '../../compact-profile.js';

interface UnitOf {
  quantity: string;
  unit: string;
  scale: number;
}

const UNITS: Record<number, UnitOf> = {
  0x13: { quantity: 'volume', unit: 'm3', scale: 0.001 },
  0x6e: { quantity: 'hca', unit: 'HCA', scale: 1 },
  0x05: { quantity: 'energy', unit: 'Wh', scale: 100 },
  0x06: { quantity: 'energy', unit: 'Wh', scale: 1000 },
  0x0d: { quantity: 'energy', unit: 'J', scale: 1e5 },
  0x0e: { quantity: 'energy', unit: 'J', scale: 1e6 },
};

const BLOCK_LENGTH = 53; // 9 header bytes, VIF, 20 bytes of dates and values, 12 words, 1 filler

/** Rounds away binary noise of the decimal scaling (0.001 × 1791 → 1.791). */
const scaled = (raw: number, scale: number): number => (scale < 1 ? Number((raw * scale).toFixed(6)) : raw * scale);

function bcd8(b: Uint8Array, p: number): number | null {
  let v = 0;
  for (let i = 3; i >= 0; i--) {
    const x = b[p + i]!;
    if ((x & 0x0f) > 9 || x >> 4 > 9) return null;
    v = v * 100 + (x >> 4) * 10 + (x & 0x0f);
  }
  return v;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
function hexOf(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = at; i < at + len; i++) s += HEX[b[i]!]!;
  return s;
}

/** Records of the WalkByDataSet block of `t`, or {} when the telegram has none. */
export function readWalkByDataSet(t: DecodedTelegram): DriverExtra {
  const r = t.records.find((x) => x.header === '0DFF5F');
  if (!r) return {};
  const b = t.payload;
  const start = r.offset + r.length - r.data.length / 2 + 1; // after the LVAR length byte
  if (r.data.length / 2 - 1 < BLOCK_LENGTH || b[start + 1] !== 0x82) {
    throw new WmbusError('DRIVER_PAYLOAD', `Qundis WalkByDataSet: ${r.data.length / 2 - 1} bytes, type 0x${(b[start + 1] ?? 0).toString(16)}; want 53 bytes of type 0x82`);
  }
  const u = UNITS[b[start + 9]!];
  if (!u) throw new WmbusError('DRIVER_PAYLOAD', `Qundis WalkByDataSet: unknown value VIF 0x${b[start + 9]!.toString(16)}`);
  const p = start + 10;
  const out: DataRecord[] = [];
  const value = (storage: number, at: number, what: string) => {
    const raw = bcd8(b, at);
    out.push(driverRecord({ quantity: u.quantity, description: what, value: raw === null ? null : scaled(raw, u.scale), unit: u.unit, storage, raw: hexOf(b, at, 4) }));
    return raw === null ? null : scaled(raw, u.scale);
  };
  const date = (storage: number, at: number, what: string) => {
    const d = decodeDateG(b, at);
    out.push(driverRecord({ quantity: 'date', description: what, value: d, unit: 'date', storage, raw: hexOf(b, at, 2) }));
    return d;
  };

  const errorDate = driverRecord({ quantity: 'date', description: 'Date of the last error', value: decodeDateG(b, p), unit: 'date', raw: hexOf(b, p, 2) });
  errorDate.function = 'error';
  out.push(errorDate);
  value(0, p + 2, 'Current value');
  date(1, p + 6, 'Yearly set date');
  value(1, p + 8, 'Value at the yearly set date');
  const monthEnd = date(17, p + 12, 'Last month end');
  let register = value(17, p + 14, 'Value at the last month end');

  const cumulative = u.quantity !== 'hca';
  for (let i = 0; i < 12; i++) {
    const at = p + 18 + 2 * i;
    let raw = b[at]! | (b[at + 1]! << 8);
    const invalid = raw === 0x8000;
    if (raw >= 0x8000) raw -= 0x10000;
    const storage = 2 + i;
    const inc = driverRecord({ quantity: u.quantity, description: 'Monthly consumption (storage 2: the month ending on the last month end; each next storage one month earlier)', value: invalid ? null : scaled(raw, u.scale), unit: u.unit, storage, raw: hexOf(b, at, 2) });
    inc.modifiers = ['increment'];
    out.push(inc);
    if (!cumulative || invalid || register === null || !monthEnd) {
      register = null;
      continue;
    }
    register = scaled(Math.round((register - raw * u.scale) / u.scale), u.scale);
    out.push(driverRecord({ quantity: u.quantity, description: 'Value at month end (from the monthly consumptions)', value: register, unit: u.unit, storage }));
    out.push(driverRecord({ quantity: 'date', description: 'Month end', value: monthEndBack(monthEnd, i + 1), unit: 'date', storage }));
  }
  return { records: out };
}
