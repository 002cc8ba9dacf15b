import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { KNOWN_COMMANDS, START } from './commands.js';

/** `FF | cmd | len | payload | cs`, cs = XOR of every earlier byte including FF (radio.md § 2.3). */
export interface AmberFrame {
  cmd: number;
  payload: Uint8Array;
}

export function scanAmber(view: Uint8Array): ScanResult<AmberFrame> {
  if (view[0] !== START) {
    const next = view.indexOf(START, 1);
    return { skip: next < 0 ? view.length : next, reason: 'noise' };
  }
  if (view.length < 2) return NEED;
  if (!KNOWN_COMMANDS.has(view[1]!)) return { skip: 1, reason: 'noise' };
  if (view.length < 3) return NEED;
  const total = 4 + view[2]!;
  if (view.length < total) return NEED;
  let x = 0;
  for (let i = 0; i < total; i++) x ^= view[i]!;
  if (x !== 0) return { skip: total, reason: 'checksum' };
  return { frame: { cmd: view[1]!, payload: view.slice(3, total - 1) }, length: total };
}

/** Over USB a frame arrives in ~15 ms pieces; wmbusmeters drops a partial frame after 2 s. */
export const createAmberParser = (options?: StreamParserOptions): FrameParser<AmberFrame> =>
  new StreamParser(
    {
      scan: scanAmber,
      resyncAfterOverflow: (v) => {
        const i = v.indexOf(START, 1);
        return i < 0 ? v.length : i;
      },
    },
    options,
  );

export function encodeAmber(cmd: number, payload: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  out.set([START, cmd, payload.length], 0);
  out.set(Array.from(payload), 3);
  let x = 0;
  for (let i = 0; i < out.length - 1; i++) x ^= out[i]!;
  out[out.length - 1] = x;
  return out;
}
