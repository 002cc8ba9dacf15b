import type { NormalizedTelegram } from '../types.js';
import { CMD } from './commands.js';
import type { AmberFrame } from './framing.js';

/** RSSI formula "amber-half-minus-74": signed byte, dBm = raw/2 − 74 (radio.md § 2.3). */
export const amberRssiDbm = (raw: number): number => ((raw << 24) >> 24) / 2 - 74;

/**
 * DATA_IND `FF 03 len <C-field … last data byte> [RSSI] cs`: no L, no DLL CRCs; len counts the RSSI
 * byte when RSSI_Enable is on. Host telegram = [len − 1] ‖ bytes without RSSI.
 */
export function amberTelegram(f: AmberFrame, rssiEnabled: boolean, stickId: string, receivedAt: Date): NormalizedTelegram | undefined {
  if (f.cmd !== CMD.DATA_IND) return undefined;
  const dataLen = f.payload.length - (rssiEnabled ? 1 : 0);
  if (dataLen < 1) return undefined;
  const telegram = new Uint8Array(dataLen + 1);
  telegram[0] = dataLen;
  telegram.set(f.payload.subarray(0, dataLen), 1);
  const out: NormalizedTelegram = { telegram, frameFormat: 'unknown', crcCheckedBy: 'stick', receivedAt, stickId };
  if (rssiEnabled) {
    out.rssiRaw = f.payload[dataLen]!;
    out.rssiDbm = amberRssiDbm(out.rssiRaw);
  }
  return out;
}
