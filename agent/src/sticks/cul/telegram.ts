import type { NormalizedTelegram } from '../types.js';
import type { CulFrame } from './framing.js';

/** RSSI formula "cul-half-minus-74": signed raw byte, dBm = raw/2 − 74 (radio.md § 2.4). */
export const culRssiDbm = (raw: number): number => ((raw << 24) >> 24) / 2 - 74;

/** The framing already verified and stripped the DLL CRCs, so the host is the one that checked them. */
export function culTelegram(f: CulFrame, stickId: string, receivedAt: Date): NormalizedTelegram {
  const out: NormalizedTelegram = { telegram: f.telegram, frameFormat: f.format, crcCheckedBy: 'host', receivedAt, stickId };
  if (f.rssi !== undefined) {
    out.rssiRaw = f.rssi;
    out.rssiDbm = culRssiDbm(f.rssi);
  }
  return out;
}
