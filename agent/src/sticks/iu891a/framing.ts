import { crc16X25 } from '@wmbus/protocol';
import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { SAP, SLIP } from './commands.js';

/** One SLIP-framed HCI message: `[SAP][msgId][payload][CRC-16/X-25 LE over SAP..payload]` (radio.md § 2.2). */
export interface SlipHciFrame {
  sap: number;
  msgId: number;
  payload: Uint8Array;
}

const KNOWN_SAPS: number[] = Object.values(SAP);

/** Undoes SLIP escaping; undefined on a broken escape. */
function unescape(view: Uint8Array, start: number, end: number): Uint8Array | undefined {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = view[i]!;
    if (b !== SLIP.ESC) {
      out[n++] = b;
      continue;
    }
    const next = view[++i];
    if (next === SLIP.ESC_END) out[n++] = SLIP.END;
    else if (next === SLIP.ESC_ESC) out[n++] = SLIP.ESC;
    else return undefined;
  }
  return out.subarray(0, n);
}

/**
 * A frame owns its opening END; the closing END stays in the buffer as the next frame's opener, so
 * both `C0 a C0 C0 b C0` and the shared-delimiter form `C0 a C0 b C0` work. `C0 C0` is silent.
 */
export function scanSlip(view: Uint8Array): ScanResult<SlipHciFrame> {
  if (view[0] !== SLIP.END) {
    const next = view.indexOf(SLIP.END, 1);
    return { skip: next < 0 ? view.length : next, reason: 'noise' };
  }
  const end = view.indexOf(SLIP.END, 1);
  if (end < 0) return NEED;
  if (end === 1) return { skip: 1, reason: 'noise', silent: true };
  const body = unescape(view, 1, end);
  // Bytes between delimiters that cannot be a message: give up the delimiter, then count them as noise.
  if (!body || body.length < 4 || !KNOWN_SAPS.includes(body[0]!)) return { skip: 1, reason: 'noise', silent: true };
  const n = body.length;
  if (crc16X25(body, 0, n - 2) !== (body[n - 2]! | (body[n - 1]! << 8))) return { skip: end, reason: 'checksum' };
  return { frame: { sap: body[0]!, msgId: body[1]!, payload: body.slice(2, n - 2) }, length: end };
}

export const createSlipHciParser = (options?: StreamParserOptions): FrameParser<SlipHciFrame> =>
  new StreamParser(
    {
      scan: scanSlip,
      resyncAfterOverflow: (v) => {
        const i = v.indexOf(SLIP.END, 1);
        return i < 0 ? v.length : i;
      },
      // a lone END left after the last frame is a delimiter, not a lost frame
      countOnTimeout: (v) => (v.length === 1 && v[0] === SLIP.END ? 0 : v.length),
    },
    options,
  );

export function encodeSlipHci(frame: SlipHciFrame): Uint8Array {
  const body = new Uint8Array(frame.payload.length + 4);
  body[0] = frame.sap;
  body[1] = frame.msgId;
  body.set(frame.payload, 2);
  const crc = crc16X25(body, 0, body.length - 2);
  body[body.length - 2] = crc & 0xff;
  body[body.length - 1] = crc >> 8;
  const out: number[] = [SLIP.END];
  for (const b of body) {
    if (b === SLIP.END) out.push(SLIP.ESC, SLIP.ESC_END);
    else if (b === SLIP.ESC) out.push(SLIP.ESC, SLIP.ESC_ESC);
    else out.push(b);
  }
  out.push(SLIP.END);
  return Uint8Array.from(out);
}
