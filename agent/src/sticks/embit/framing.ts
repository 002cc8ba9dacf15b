import { NEED, StreamParser, type ScanResult, type StreamParserOptions } from '../stream-parser.js';
import type { FrameParser } from '../types.js';
import { KNOWN_IDS, MAX_FRAME } from './commands.js';

/** `len u16 BE (counts itself and the checksum) | msgId | payload | sum8` (radio.md § 2.5). */
export interface EmbitFrame {
  msgId: number;
  payload: Uint8Array;
}

export function scanEmbit(view: Uint8Array): ScanResult<EmbitFrame> {
  if (view.length < 3) return NEED;
  const total = (view[0]! << 8) | view[1]!;
  // no start marker: a plausible length and a known message id are the only resync hints
  if (total < 4 || total > MAX_FRAME || !KNOWN_IDS.has(view[2]!)) return { skip: 1, reason: 'noise' };
  if (view.length < total) return NEED;
  let sum = 0;
  for (let i = 0; i < total - 1; i++) sum = (sum + view[i]!) & 0xff;
  if (sum !== view[total - 1]) return { skip: total, reason: 'checksum' };
  return { frame: { msgId: view[2]!, payload: view.slice(3, total - 1) }, length: total };
}

export const createEmbitParser = (options?: StreamParserOptions): FrameParser<EmbitFrame> =>
  new StreamParser({ scan: scanEmbit, resyncAfterOverflow: () => 1 }, options);

export function encodeEmbit(msgId: number, payload: ArrayLike<number> = []): Uint8Array {
  const total = payload.length + 4;
  const out = new Uint8Array(total);
  out.set([total >> 8, total & 0xff, msgId], 0);
  out.set(Array.from(payload), 3);
  let sum = 0;
  for (let i = 0; i < total - 1; i++) sum = (sum + out[i]!) & 0xff;
  out[total - 1] = sum;
  return out;
}
