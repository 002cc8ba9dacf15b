import type { NormalizedTelegram } from '../types.js';
import { FRAME_B_FROM, RX_IND, SAP, WMBUSGW } from './commands.js';
import type { SlipHciFrame } from './framing.js';

export const isIu891aTelegram = (f: SlipHciFrame): boolean => f.sap === SAP.WMBUSGW && f.msgId === WMBUSGW.RX_MESSAGE_IND;

/**
 * RX_MESSAGE_IND: timestamp u32 LE (Unix seconds from the stick RTC) | decryption status | encryption
 * mode | frame format | RSSI int8 | telegram with L (frame-A meaning), CRCs removed (radio.md § 2.2).
 * RSSI formula "int8-dbm": the byte is already dBm as a signed 8-bit value.
 */
export function iu891aTelegram(f: SlipHciFrame, stickId: string, receivedAt: Date): NormalizedTelegram | undefined {
  if (!isIu891aTelegram(f) || f.payload.length <= RX_IND.TELEGRAM) return undefined;
  const p = f.payload;
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const raw = p[RX_IND.RSSI]!;
  return {
    telegram: p.slice(RX_IND.TELEGRAM),
    frameFormat: p[RX_IND.FRAME_FORMAT]! >= FRAME_B_FROM ? 'B' : 'A',
    crcCheckedBy: 'stick',
    rssiRaw: raw,
    rssiDbm: view.getInt8(RX_IND.RSSI),
    stickTs: view.getUint32(RX_IND.TIMESTAMP, true),
    receivedAt,
    stickId,
  };
}
