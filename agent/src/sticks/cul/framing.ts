import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import { frameALengthWithCrcs, stripFrameA, stripFrameB } from '../dll-crc.js';
import type { FrameParser } from '../types.js';
import { MAX_LINE } from './commands.js';

/** A culfw receive line after host-side CRC checking: `b…` frame A, `bY…` frame B (radio.md § 2.4). */
export interface CulFrame {
  /** CRC-free, L with frame-A meaning. */
  telegram: Uint8Array;
  format: 'A' | 'B';
  lqi?: number;
  rssi?: number;
}

const LF = 0x0a;
const HEX_LINE = /^[0-9A-Fa-f]*$/;

function parseTelegramLine(line: string, consumed: number): ScanResult<CulFrame> {
  const frameB = line[1] === 'Y';
  const digits = line.slice(frameB ? 2 : 1);
  if (!HEX_LINE.test(digits)) return { skip: consumed, reason: 'invalid' };
  // an odd number of hex digits means culfw cut the line (wmbusmeters/wmbusmeters#390)
  if (digits.length % 2 !== 0 || digits.length < 4) return { skip: consumed, reason: 'truncated' };
  const bytes = Uint8Array.from(Buffer.from(digits, 'hex'));
  const l = bytes[0]!;
  const frameLength = frameB ? l + 1 : frameALengthWithCrcs(l);
  const trailer = bytes.length - frameLength;
  if (trailer < 0) return { skip: consumed, reason: 'truncated' };
  if (trailer !== 0 && trailer !== 2) return { skip: consumed, reason: 'length' };
  const stripped = (frameB ? stripFrameB : stripFrameA)(bytes.subarray(0, frameLength));
  if (!stripped.ok) return { skip: consumed, reason: stripped.reason === 'crc' ? 'checksum' : 'length' };
  const frame: CulFrame = { telegram: stripped.telegram, format: stripped.format };
  if (trailer === 2) {
    frame.lqi = bytes[frameLength]!;
    frame.rssi = bytes[frameLength + 1]!;
  }
  return { frame, length: consumed };
}

/**
 * One line at a time. Telegram lines are checked here (DLL CRCs verified and stripped, because culfw
 * leaves them in); other printable lines are `text` (command answers); lines with control or
 * non-ASCII bytes are counted noise.
 */
export function scanCul(view: Uint8Array): ScanResult<CulFrame> {
  const end = view.indexOf(LF);
  if (end < 0) return NEED;
  const consumed = end + 1;
  let stop = end;
  if (stop > 0 && view[stop - 1] === 0x0d) stop--;
  for (let i = 0; i < stop; i++) {
    const b = view[i]!;
    if (b < 0x20 || b > 0x7e) return { skip: consumed, reason: 'noise' };
  }
  if (stop === 0) return { skip: consumed, reason: 'noise', silent: true };
  const line = Buffer.from(view.buffer, view.byteOffset, stop).toString('latin1');
  if (line[0] === 'b' && (line[1] === 'Y' || HEX_LINE.test(line[1] ?? ''))) return parseTelegramLine(line, consumed);
  return { text: line, length: consumed };
}

export const createCulParser = (options?: StreamParserOptions): FrameParser<CulFrame> =>
  new StreamParser(
    {
      scan: scanCul,
      resyncAfterOverflow: (v) => {
        const i = v.indexOf(LF);
        return i < 0 ? v.length : i + 1;
      },
    },
    { maxPending: MAX_LINE, ...options },
  );
