/**
 * Pieces shared by the Techem manufacturer payloads (CI A0/A2; wmbusmeters/wmbusmeters: drivers/src/
 * fhkvdataiii.xmq, mkradio3.xmq, mkradio3a.xmq, vario451.xmq; facts only). Words are little-endian.
 * - previous billing date: day bits 0-4, month bits 5-8, year-2000 bits 9-15
 * - current date: day bits 4-8, month bits 9-12, no year: it is the first such day after the previous date
 */
import { WmbusError } from '../../../errors.js';

export const word = (p: Uint8Array, at: number): number => p[at]! | (p[at + 1]! << 8);

const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
export function hexOf(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = at; i < at + len; i++) s += HEX[b[i]!]!;
  return s;
}

export interface TechemDates {
  previous: string;
  current: string;
}

/** Both dates from their raw words; day 0 / month 0 of the current date read as 1 / 12, as the reference does. */
export function techemDates(prevRaw: number, currRaw: number): TechemDates {
  const prevDay = prevRaw & 0x1f;
  const prevMonth = (prevRaw >> 5) & 0x0f;
  const prevYear = 2000 + (prevRaw >> 9);
  const currDay = ((currRaw >> 4) & 0x1f) || 1;
  const currMonth = ((currRaw >> 9) & 0x0f) || 12;
  const rolled = currMonth < prevMonth || (currMonth === prevMonth && currDay <= prevDay);
  return { previous: `${prevYear}-${pad(prevMonth)}-${pad(prevDay)}`, current: `${prevYear + (rolled ? 1 : 0)}-${pad(currMonth)}-${pad(currDay)}` };
}

/** A date word of the day-bits-0-4 form (previous billing date, mkradio3a reading date). */
export function techemDate(raw: number): string {
  return `${2000 + (raw >> 9)}-${pad((raw >> 5) & 0x0f)}-${pad(raw & 0x1f)}`;
}

export function needBytes(driver: string, p: Uint8Array | undefined, n: number): Uint8Array {
  if (!p || p.length < n) throw new WmbusError('DRIVER_PAYLOAD', `${driver}: manufacturer payload of ${p?.length ?? 0} bytes, need ${n}`);
  return p;
}
