/**
 * Builds real wM-Bus telegrams (frame without DLL CRCs, as the fixtures store them) whose values and dates a
 * test chooses: an unencrypted OMS short-header application layer (CI 0x7A, configuration 0x0000) with
 * EN 13757-3 records (radio.md § 4.2):
 * - 04 6D: meter date-time, type F (storage 0);
 * - current value at storage 0, the due-date value at storage 1 with its date (42 6C, type G) — the layout of
 *   the Qundis test telegram in billing-domain.md T7 ([WMB-QCAL]) and of water meters with a set date
 *   ([WMB-WSTARM]);
 * - optionally one month-end history value with its date (storage 17 for the HCA, as Qundis does).
 */
import { manufacturerToCode } from '@wmbus/protocol';

const bcd = (value: number, digits: number): number[] => {
  const s = String(Math.round(value)).padStart(digits, '0');
  if (s.length > digits) throw new Error(`${value} does not fit ${digits} BCD digits`);
  const out: number[] = [];
  for (let i = digits - 2; i >= 0; i -= 2) out.push(parseInt(s.slice(i, i + 2), 16)); // least significant byte first
  return out;
};

/** Type G date (EN 13757-3): day bits 0-4, month bits 8-11, year bits 5-7 (low) and 12-15 (high). */
export function typeG(date: string): number[] {
  const y = Number(date.slice(2, 4));
  const v = Number(date.slice(8, 10)) | (Number(date.slice(5, 7)) << 8) | ((y & 7) << 5) | ((y >> 3) << 12);
  return [v & 0xff, v >> 8];
}

/** Type F date-time from local wall-clock text 'YYYY-MM-DDTHH:MM'. */
export function typeF(local: string): number[] {
  const y = Number(local.slice(2, 4));
  const v =
    (Number(local.slice(14, 16)) |
      (Number(local.slice(11, 13)) << 8) |
      (Number(local.slice(8, 10)) << 16) |
      ((y & 7) << 21) |
      (Number(local.slice(5, 7)) << 24) |
      ((y >> 3) << 28)) >>>
    0;
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
}

/** Berlin wall-clock text of an instant, for the meter's own clock record. */
export function berlinLocal(ms: number): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(ms)).replace(' ', 'T');
}

export interface MeterSpec {
  manufacturer: string;
  /** 8 decimal digits */
  id: string;
  version: number;
  deviceType: number;
}

export interface TelegramValues {
  accessNumber: number;
  meterTime: string;
  current: number;
  due?: { value: number; date: string };
  history?: { value: number; date: string };
  /** TPL status byte (EN 13757-7: bit 2 = power low, bits 0-1 application error/alarm). Default 0. */
  status?: number;
}

function frame(meter: MeterSpec, access: number, records: number[], status = 0): Uint8Array {
  const m = manufacturerToCode(meter.manufacturer);
  const body = [
    0x44,
    m & 0xff,
    m >> 8,
    ...bcd(Number(meter.id), 8),
    meter.version,
    meter.deviceType,
    0x7a,
    access & 0xff,
    status,
    0x00,
    0x00, // configuration: no encryption
    ...records,
  ];
  return Uint8Array.from([body.length, ...body]);
}

/** Warm (0x06) or cold (0x16) water meter: volume in litres (VIF 0x13 = 10⁻³ m³), 8-digit BCD. */
export function waterTelegram(meter: MeterSpec, v: TelegramValues): Uint8Array {
  const records = [0x04, 0x6d, ...typeF(v.meterTime), 0x0c, 0x13, ...bcd(v.current * 1000, 8)];
  if (v.due) records.push(0x4c, 0x13, ...bcd(v.due.value * 1000, 8), 0x42, 0x6c, ...typeG(v.due.date));
  if (v.history) records.push(0xcc, 0x08, 0x13, ...bcd(v.history.value * 1000, 8), 0xc2, 0x08, 0x6c, ...typeG(v.history.date));
  return frame(meter, v.accessNumber, records, v.status);
}

/** Electronic HCA in the Qundis layout of billing-domain.md T7 (VIF 0x6E, 6-digit BCD, storage 17 month end). */
export function hcaTelegram(meter: MeterSpec, v: TelegramValues): Uint8Array {
  const records = [0x0b, 0x6e, ...bcd(v.current, 6)];
  if (v.due) records.push(0x4b, 0x6e, ...bcd(v.due.value, 6), 0x42, 0x6c, ...typeG(v.due.date));
  if (v.history) records.push(0xcb, 0x08, 0x6e, ...bcd(v.history.value, 6), 0xc2, 0x08, 0x6c, ...typeG(v.history.date));
  records.push(0x04, 0x6d, ...typeF(v.meterTime));
  return frame(meter, v.accessNumber, records, v.status);
}
