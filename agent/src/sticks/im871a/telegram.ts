import type { NormalizedTelegram } from '../types.js';
import { ENDPOINT, RADIOLINK } from './commands.js';
import type { ImstFrame } from './framing.js';

/**
 * RSSI formula "imst-linear": dBm = 0.5333·raw − 126.67 (ioB and jmbus agree; wmbusmeters uses
 * −100 + 0.5·(raw − 45), radio.md § 2.1). The raw byte is always kept beside it.
 */
export const imstRssiDbm = (raw: number): number => Math.round((0.5333 * raw - 126.67) * 10) / 10;

export const isImstTelegram = (f: ImstFrame): boolean => f.endpoint === ENDPOINT.RADIOLINK && f.msgId === RADIOLINK.WMBUSMSG_IND;

/**
 * WMBUSMSG_IND: the payload starts at the C-field; the stick removed L and every DLL CRC, for frame A
 * and B alike, so the host rebuilds L = payload length and cannot tell the frame format.
 */
export function imstTelegram(f: ImstFrame, stickId: string, receivedAt: Date): NormalizedTelegram | undefined {
  if (!isImstTelegram(f) || f.payload.length === 0) return undefined;
  const telegram = new Uint8Array(f.payload.length + 1);
  telegram[0] = f.payload.length;
  telegram.set(f.payload, 1);
  const out: NormalizedTelegram = { telegram, frameFormat: 'unknown', crcCheckedBy: 'stick', receivedAt, stickId };
  if (f.rssi !== undefined) {
    out.rssiRaw = f.rssi;
    out.rssiDbm = imstRssiDbm(f.rssi);
  }
  if (f.timestamp !== undefined) out.stickTs = f.timestamp;
  return out;
}
