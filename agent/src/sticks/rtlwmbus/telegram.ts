import type { NormalizedTelegram } from '../types.js';
import type { RtlWmbusFrame } from './framing.js';

/** `YYYY-MM-DD HH:MM:SS.ffffff` local time → ms since the epoch (undefined if it does not parse). */
export function parseRtlTimestamp(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms).getTime();
}

/**
 * RSSI: the two RSSI columns are unitless integers, not dBm (radio.md § 2.7), so only `rssiRaw`
 * (PACKET_RSSI) is set. The hex is CRC-free with frame-A L, whatever the frame format was on air.
 */
export function rtlWmbusTelegrams(f: RtlWmbusFrame, stickId: string, receivedAt: Date): NormalizedTelegram[] {
  const stickTs = parseRtlTimestamp(f.timestamp);
  return f.telegrams.map((telegram) => ({
    telegram,
    frameFormat: 'unknown' as const,
    crcCheckedBy: 'stick' as const,
    rssiRaw: f.packetRssi,
    linkMode: f.mode,
    ...(stickTs !== undefined ? { stickTs } : {}),
    receivedAt,
    stickId,
  }));
}
