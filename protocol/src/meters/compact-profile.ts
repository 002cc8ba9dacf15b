/**
 * Expands an EN 13757-3 Annex F compact profile (VIFE 0x1F / 0x1E / 0x13 on an LVAR record) into one record
 * per slot, so drivers get dated history from it. Header reading as in wmbusmeters/wmbusmeters:
 * src/dvparser.cc (addSyntheticCompactProfileEntries), facts only:
 *   byte 0 spacing control: bits 7-6 increment mode (00 absolute, 01 increments, 10 decrements, 11 signed
 *          difference), bits 5-4 spacing unit (00 s, 01 min, 10 h, 11 days / months), bits 3-0 slot size
 *          as a DIF data nibble (1,2,3,4,6,7 binary; 9,A,B,C,E BCD)
 *   byte 1 spacing value: 1..250 units, 254 with unit 11 = one month
 * The profile's own storage number is the base (its value and date are the records of that storage); slots
 * follow in storages base+1, base+2, ... For "compact profile" (0x1F) the slot next to the base is the last
 * one in the data; for 0x1E it is the first; "inverse" (0x13) slots go back in time.
 * Slot values of an incremental profile are emitted twice: as the increment (modifier "increment") and as the
 * register value it implies (base plus the running sum), which is what the reading view's history needs.
 * An all-FF slot or, for signed binary, the illegal value 0x80.. ends an incremental profile.
 */
import type { DataRecord } from '../wmbus/types.js';
import { driverRecord, validTimePoint } from './record.js';

const SLOT_BYTES: Record<number, number> = { 0x1: 1, 0x2: 2, 0x3: 3, 0x4: 4, 0x6: 6, 0x7: 8, 0x9: 1, 0xa: 2, 0xb: 3, 0xc: 4, 0xe: 6 };

const nibble = (c: number): number => (c <= 57 ? c - 48 : (c | 0x20) - 87);
function hexBytes(hex: string): number[] {
  const out: number[] = new Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const lastDay = (y: number, m0: number): number => (m0 === 1 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[m0]!);
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * Adds `months` (may be negative) to a YYYY-MM-DD[THH:MM] date; a month-end date stays a month end
 * (Oct 31 → Nov 30 → Dec 31), a time of day is kept.
 */
export function stepMonths(ymd: string, months: number): string {
  const y = +ymd.slice(0, 4);
  const m0 = +ymd.slice(5, 7) - 1;
  const d = +ymd.slice(8, 10);
  const t = y * 12 + m0 + months;
  const ty = Math.floor(t / 12);
  const tm0 = t - ty * 12;
  const last = lastDay(ty, tm0);
  const day = d >= lastDay(y, m0) || d > last ? last : d;
  return `${ty}-${two(tm0 + 1)}-${two(day)}${ymd.slice(10)}`;
}

/** Last day of the month `back` months before the month of `ymd` (integer math: drivers call it per slot). */
export function monthEndBack(ymd: string, back: number): string {
  const t = +ymd.slice(0, 4) * 12 + (+ymd.slice(5, 7) - 1) - back;
  const y = Math.floor(t / 12);
  const m0 = t - y * 12;
  return `${y}-${two(m0 + 1)}-${two(lastDay(y, m0))}`;
}

function stepSeconds(value: string, seconds: number): string {
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : `${value}Z`);
  const iso = new Date(t + seconds * 1000).toISOString();
  return value.length === 10 ? iso.slice(0, 10) : iso.slice(0, value.length);
}

/**
 * Slot records of `profile` (a record whose value is the profile hex), each value multiplied by `scale`
 * (the VIF's scaling, e.g. 0.001 for litres as m3) and given `unit` (default: the base value's unit).
 * Returns [] for headers it does not understand.
 */
export function expandCompactProfile(records: readonly DataRecord[], profile: DataRecord, scale = 1, unit?: string): DataRecord[] {
  if (typeof profile.value !== 'string') return [];
  const mods = profile.modifiers ?? [];
  const inverse = mods.includes('inverse compact profile');
  const withRegister = mods.includes('compact profile with register numbers');
  if (!inverse && !withRegister && !mods.includes('compact profile')) return [];
  const bytes = hexBytes(profile.value);
  if (bytes.length < 2) return [];
  const control = bytes[0]!;
  const spacing = bytes[1]!;
  const nibble = control & 0x0f;
  const size = SLOT_BYTES[nibble];
  if (!size || (bytes.length - 2) % size !== 0) return [];
  const mode = (control >> 6) & 3;
  const spacingUnit = (control >> 4) & 3;
  const bcd = nibble >= 0x9;
  const signed = !bcd && (mode === 0 || mode === 3);

  let stepMonthsBy = 0;
  let stepSecondsBy = 0;
  if (spacing === 254 && spacingUnit === 3) stepMonthsBy = 1;
  else if (spacing === 254 && spacingUnit === 2) stepMonthsBy = 3;
  else if (spacing === 254 && spacingUnit === 1) stepMonthsBy = 6;
  else if (spacing >= 1 && spacing <= 250) stepSecondsBy = spacing * [1, 60, 3600, 86400][spacingUnit]!;
  else return [];
  const direction = inverse ? -1 : 1;

  const same = (r: DataRecord) => r.storage === profile.storage && r.tariff === profile.tariff && r.subunit === profile.subunit;
  const base = records.find((r) => same(r) && r.quantity === profile.quantity && typeof r.value === 'number' && !r.modifiers?.length);
  const baseDate = records.find((r) => same(r) && (r.quantity === 'date' || r.quantity === 'datetime') && validTimePoint(r) !== undefined);

  const slots: number[] = [];
  const count = (bytes.length - 2) / size;
  for (let i = 0; i < count; i++) slots.push(2 + (inverse || withRegister ? i : count - 1 - i) * size);

  const valueUnit = unit ?? base?.unit ?? '';
  const out: DataRecord[] = [];
  let running = typeof base?.value === 'number' ? base.value : undefined;
  let date = baseDate && validTimePoint(baseDate);
  const baseYmd = date;
  for (let k = 0; k < slots.length; k++) {
    const at = slots[k]!;
    let allFF = true;
    let raw = 0;
    let mul = 1;
    let legalBcd = true;
    for (let j = 0; j < size; j++) {
      const b = bytes[at + j]!;
      if (b !== 0xff) allFF = false;
      if (bcd) {
        if ((b & 0x0f) > 9 || b >> 4 > 9) legalBcd = false;
        raw += ((b & 0x0f) + (b >> 4) * 10) * mul;
        mul *= 100;
      } else {
        raw += b * mul;
        mul *= 256;
      }
    }
    if (allFF || !legalBcd) {
      if (mode !== 0) break;
      continue;
    }
    if (signed && raw >= mul / 2) {
      if (mode !== 0 && raw === mul / 2) break; // illegal value ends an incremental profile
      raw -= mul;
    }
    const value = raw * scale;
    const storage = profile.storage + 1 + k;
    if (baseYmd) date = stepMonthsBy ? stepMonths(baseYmd, direction * stepMonthsBy * (k + 1)) : stepSeconds(date!, direction * stepSecondsBy);
    const hex = profile.value.slice(at * 2, (at + size) * 2);
    if (mode === 0) {
      out.push(driverRecord({ quantity: profile.quantity, description: `${profile.description} (profile slot)`, value, unit: valueUnit, storage, tariff: profile.tariff, raw: hex }));
    } else {
      const inc = driverRecord({ quantity: profile.quantity, description: `${profile.description} (profile increment)`, value, unit: valueUnit, storage, tariff: profile.tariff, raw: hex });
      inc.modifiers = ['increment'];
      out.push(inc);
      if (running !== undefined) {
        // Increments and signed differences add up going forward in time, decrements subtract; inverse
        // profiles walk back in time, so the sign flips.
        const delta = mode === 2 ? -value : value;
        running = inverse ? running - delta : running + delta;
        out.push(driverRecord({ quantity: profile.quantity, description: `${profile.description} (from profile)`, value: running, unit: valueUnit, storage, tariff: profile.tariff, raw: hex }));
      }
    }
    if (date) out.push(driverRecord({ quantity: baseDate!.quantity, description: 'Date of profile slot', value: date, unit: baseDate!.unit, storage, tariff: profile.tariff }));
  }
  return out;
}
