/**
 * The normalized reading view: the same shape for every meter, whatever its driver. The collector and the
 * billing pipeline rely on it (current value with meter time, due-date value with its date, monthly
 * history with dates, status flags).
 */
import type { DataRecord } from '../wmbus/types.js';
import type { DecodedTelegram } from '../wmbus/decode.js';
import type { HistorySpec, MeterKind, RecordMatch, StatusBitMap, StatusFlag } from './types.js';
import { validTimePoint } from './record.js';

export interface ReadingValue {
  value: number;
  unit: string;
}

export interface ReadingView {
  kind: MeterKind;
  current?: ReadingValue & { at?: string };
  dueDate?: ReadingValue & { date: string };
  history: (ReadingValue & { date: string; storage: number })[];
  meterTime?: string;
  status: {
    flags: StatusFlag[];
    texts: string[];
    errorCode?: number;
  };
}

const MAIN_QUANTITY: Record<MeterKind, string | null> = {
  hca: 'hca',
  heat: 'energy',
  cooling: 'energy',
  'heat/cooling': 'energy',
  'warm water': 'volume',
  'cold water': 'volume',
  water: 'volume',
  gas: 'volume',
  electricity: 'energy',
  'room sensor': null,
  'smoke detector': null,
  other: null,
};

/** EN 13757-3 device type → kind, for meters without a driver. */
export function kindFromDeviceType(type: number): MeterKind {
  switch (type) {
    case 0x08:
      return 'hca';
    case 0x04:
    case 0x0c:
      return 'heat';
    case 0x0a:
    case 0x0b:
      return 'cooling';
    case 0x0d:
      return 'heat/cooling';
    case 0x06:
    case 0x15:
      return 'warm water';
    case 0x16:
      return 'cold water';
    case 0x07:
      return 'water';
    case 0x03:
      return 'gas';
    case 0x02:
      return 'electricity';
    case 0x1b:
      return 'room sensor';
    case 0x1a:
      return 'smoke detector';
    default:
      return 'other';
  }
}

export function matches(r: DataRecord, m: RecordMatch): boolean {
  if (m.quantity !== undefined && (typeof m.quantity === 'string' ? r.quantity !== m.quantity : !m.quantity.includes(r.quantity))) return false;
  if (m.storage !== undefined) {
    if (typeof m.storage === 'number' ? r.storage !== m.storage : r.storage < m.storage[0] || r.storage > m.storage[1]) return false;
  }
  if (m.tariff !== undefined && r.tariff !== m.tariff) return false;
  if (m.subunit !== undefined && r.subunit !== m.subunit) return false;
  if (m.function !== undefined && r.function !== m.function) return false;
  if (m.header !== undefined && r.header !== m.header) return false;
  if (m.plain && r.modifiers && r.modifiers.length) return false;
  if (m.modifiers && !m.modifiers.every((x) => r.modifiers?.includes(x))) return false;
  return true;
}

const isMain = (r: DataRecord, quantity: string, storage: number): boolean =>
  r.quantity === quantity && r.storage === storage && r.tariff === 0 && r.subunit === 0 && r.function === 'instantaneous' && !r.modifiers?.length && typeof r.value === 'number';

/** A status map's bits as [mask, meaning] pairs in Object.entries order, read once per map (maps are constants of the drivers). */
const bitLists = new WeakMap<StatusBitMap, [number, { flag: StatusFlag; text: string }][]>();
function bitList(map: StatusBitMap): [number, { flag: StatusFlag; text: string }][] {
  let list = bitLists.get(map);
  if (!list) {
    list = Object.entries(map.bits).map(([bit, meaning]) => [Number(bit), meaning]);
    bitLists.set(map, list);
  }
  return list;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Last day of the month `back` months before the month of `time` (YYYY-MM-DD...). */
export function monthEndBefore(time: string, back: number): string {
  const y = Number(time.slice(0, 4));
  const m = Number(time.slice(5, 7)) - 1 - back; // month index of the target month, may be negative
  // The calendar by arithmetic (a Date and its ISO string per history value cost more than the rest of the
  // reading view); Date keeps the cases it treats specially: years 0-99 (taken as 19xx), years that
  // toISOString() writes with six digits, and anything not an integer.
  if (Number.isSafeInteger(y) && Number.isSafeInteger(m) && y >= 100) {
    const months = y * 12 + m;
    const year = Math.floor(months / 12);
    const month = months - year * 12;
    if (year >= 1000 && year <= 9999) {
      const leap = month === 1 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      return `${year}-${pad2(month + 1)}-${leap ? 29 : DAYS_IN_MONTH[month]!}`;
    }
  }
  const end = new Date(Date.UTC(y, m + 1, 0));
  return end.toISOString().slice(0, 10);
}

export function buildReadingView(
  decoded: DecodedTelegram,
  records: DataRecord[],
  kind: MeterKind,
  statusMaps: readonly StatusBitMap[] = [],
  history?: HistorySpec,
  extraFlags: { flag: StatusFlag; text: string }[] = [],
  errorCode?: number,
): ReadingView {
  const view: ReadingView = { kind, history: [], status: { flags: [], texts: [] } };
  const q = MAIN_QUANTITY[kind];
  // One pass over the records for what the view takes from them, each the first record that qualifies
  // (records come in many shapes, so every property read is a slow lookup: one pass, not six).
  let meterTime: string | undefined; // the clock: datetime, storage 0, tariff 0, a valid time point
  let current: DataRecord | undefined;
  let due: DataRecord | undefined;
  let errorFlags: DataRecord | undefined;
  // The date of each storage number: the first valid date or date-time of tariff 0, subunit 0 with that
  // storage, as YYYY-MM-DD.
  const dates = new Map<number, string>();
  const older: DataRecord[] = [];
  for (const r of records) {
    const quantity = r.quantity;
    if (quantity === 'datetime' || quantity === 'date') {
      if (r.tariff !== 0) continue;
      if (meterTime === undefined && quantity === 'datetime' && r.storage === 0) meterTime = validTimePoint(r);
      if (r.subunit === 0 && !dates.has(r.storage)) {
        const t = validTimePoint(r);
        if (t !== undefined) dates.set(r.storage, t.slice(0, 10));
      }
    } else if (quantity === 'error_flags') {
      if (!errorFlags && r.storage === 0 && typeof r.value === 'number') errorFlags = r;
    } else if (q && quantity === q && isMain(r, q, r.storage)) {
      if (r.storage === 0) current ??= r;
      else if (r.storage === 1) due ??= r;
      else if (r.storage >= 2) older.push(r);
    }
  }
  if (meterTime) view.meterTime = meterTime;
  if (q) {
    if (current) view.current = { value: current.value as number, unit: current.unit, ...(meterTime ? { at: meterTime } : {}) };
    const dueDate = dates.get(1);
    if (due && dueDate) view.dueDate = { value: due.value as number, unit: due.unit, date: dueDate };
    for (const r of older) {
      let date = dates.get(r.storage);
      if (!date && history && meterTime && r.storage >= history.storage[0] && r.storage <= history.storage[1]) {
        date = monthEndBefore(meterTime, r.storage - history.storage[0] + 1);
      }
      if (date) view.history.push({ value: r.value as number, unit: r.unit, date, storage: r.storage });
    }
    view.history.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }
  const flags = new Set<StatusFlag>();
  const texts: string[] = [];
  const add = (flag: StatusFlag, text: string) => {
    flags.add(flag);
    if (!texts.includes(text)) texts.push(text);
  };
  const st = decoded.tpl.statusFlags;
  if (st) {
    if (st.powerLow) add('battery_low', 'POWER_LOW');
    if (st.permanentError) add('error', 'PERMANENT_ERROR');
    if (st.temporaryError) add('error', 'TEMPORARY_ERROR');
    if (st.application === 'error') add('error', 'APPLICATION_ERROR');
    if (st.application === 'alarm') add('error', 'ALARM');
  }
  for (const map of statusMaps) {
    let bits: number | undefined;
    if (map.source === 'tpl_status') bits = decoded.tpl.status;
    else {
      const src = map.source;
      const r = records.find((x) => matches(x, src));
      if (r && typeof r.value === 'number') bits = r.value;
    }
    if (bits === undefined) continue;
    for (const [bit, meaning] of bitList(map)) if (bits & bit) add(meaning.flag, meaning.text);
  }
  if (errorFlags && (errorFlags.value as number) !== 0) {
    view.status.errorCode = errorFlags.value as number;
    if (!statusMaps.some((m) => m.source !== 'tpl_status')) add('error', `ERROR_FLAGS_${(errorFlags.value as number).toString(16).toUpperCase()}`);
  }
  for (const f of extraFlags) add(f.flag, f.text);
  if (errorCode !== undefined) view.status.errorCode = errorCode;
  view.status.flags = [...flags];
  view.status.texts = texts;
  return view;
}
