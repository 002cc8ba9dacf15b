import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { COLUMN, DEMODULATOR_PREFIX, MAX_LINE, MODES } from './commands.js';

/** One accepted rtl_wmbus line: CRC and 3-out-of-6 OK, telegrams CRC-free with frame-A L. */
export interface RtlWmbusFrame {
  mode: string;
  timestamp: string;
  packetRssi: number;
  currentRssi: number;
  id: string;
  telegrams: Uint8Array[];
}

const LF = 0x0a;
const HEX = /^0x((?:[0-9a-fA-F]{2})+)$/;

/**
 * Lines that do not start with a mode are `text` (stderr noise, `#` comments); CRC_OK = 0 or
 * 3OUTOF6_OK = 0 is counted as a checksum failure and dropped, as wmbusmeters accepts only `…;1;1`.
 */
export function scanRtlWmbus(view: Uint8Array): ScanResult<RtlWmbusFrame> {
  const end = view.indexOf(LF);
  if (end < 0) return NEED;
  const consumed = end + 1;
  const raw = Buffer.from(view.buffer, view.byteOffset, end).toString('latin1').replace(/\r$/, '');
  if (raw.length === 0) return { skip: consumed, reason: 'noise', silent: true };
  if (/[^\x20-\x7e]/.test(raw)) return { skip: consumed, reason: 'noise' };
  const cols = raw.replace(DEMODULATOR_PREFIX, '').split(';');
  if (!MODES.has(cols[COLUMN.MODE]!)) return { text: raw, length: consumed };
  if (cols.length <= COLUMN.FIRST_HEX) return { skip: consumed, reason: 'truncated' };
  if (cols[COLUMN.CRC_OK] !== '1' || cols[COLUMN.THREE_OF_SIX_OK] !== '1') return { skip: consumed, reason: 'checksum' };
  const telegrams: Uint8Array[] = [];
  for (const col of cols.slice(COLUMN.FIRST_HEX)) {
    const m = HEX.exec(col.trim());
    if (!m) return { skip: consumed, reason: 'invalid' };
    telegrams.push(Uint8Array.from(Buffer.from(m[1]!, 'hex')));
  }
  return {
    frame: {
      mode: cols[COLUMN.MODE]!,
      timestamp: cols[COLUMN.TIMESTAMP]!,
      packetRssi: Number(cols[COLUMN.PACKET_RSSI]),
      currentRssi: Number(cols[COLUMN.CURRENT_RSSI]),
      id: cols[COLUMN.ID]!,
      telegrams,
    },
    length: consumed,
  };
}

export const createRtlWmbusParser = (options?: StreamParserOptions): FrameParser<RtlWmbusFrame> =>
  new StreamParser(
    {
      scan: scanRtlWmbus,
      resyncAfterOverflow: (v) => {
        const i = v.indexOf(LF);
        return i < 0 ? v.length : i + 1;
      },
    },
    { maxPending: MAX_LINE, ...options },
  );

/** Formats a line the way rtl_wmbus prints it (used by the emulator and tests). */
export function formatRtlWmbusLine(mode: string, telegram: Uint8Array, rssi: number, crcOk = true, when = '2019-04-03 19:00:42.000'): string {
  const id = Buffer.from(telegram.subarray(4, 8)).reverse().toString('hex');
  const ok = crcOk ? '1' : '0';
  return `${mode};${ok};${ok};${when};${rssi};148;${id};0x${Buffer.from(telegram).toString('hex')}\n`;
}
