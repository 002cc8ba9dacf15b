import type { NormalizedTelegram } from '../types.js';
import { MSG, OPTION } from './commands.js';
import type { EmbitFrame } from './framing.js';

/**
 * RECEIVED_DATA: options u16 BE | [RSSI int8 dBm] | [timestamp u32 BE, 1/32768 s since power-on] |
 * telegram with L, without CRCs (radio.md § 2.5). RSSI formula "int8-dbm". stickTs is in 1/32768 s.
 */
export function embitTelegram(f: EmbitFrame, stickId: string, receivedAt: Date): NormalizedTelegram | undefined {
  if (f.msgId !== MSG.RECEIVED_DATA || f.payload.length < 2) return undefined;
  const p = f.payload;
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const options = view.getUint16(0);
  let pos = 2;
  let rssiRaw: number | undefined;
  let rssiDbm: number | undefined;
  let stickTs: number | undefined;
  if (options & OPTION.RSSI) {
    if (p.length < pos + 1) return undefined;
    rssiRaw = p[pos]!;
    rssiDbm = view.getInt8(pos);
    pos += 1;
  }
  if (options & OPTION.TIMESTAMP) {
    if (p.length < pos + 4) return undefined;
    stickTs = view.getUint32(pos);
    pos += 4;
  }
  if (p.length <= pos) return undefined;
  const out: NormalizedTelegram = {
    telegram: p.slice(pos),
    frameFormat: options & OPTION.FRAME_B ? 'B' : 'A',
    crcCheckedBy: 'stick',
    receivedAt,
    stickId,
  };
  if (rssiRaw !== undefined) Object.assign(out, { rssiRaw, rssiDbm });
  if (stickTs !== undefined) out.stickTs = stickTs;
  return out;
}
