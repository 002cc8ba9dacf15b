import type { NormalizedTelegram } from '../types.js';
import type { Rc1180Frame } from './framing.js';

/**
 * RSSI: the peers document no formula for the RC1180 (radio.md § 2.6), so only `rssiRaw` is set.
 * The stick hears T1 only, which is always frame A.
 */
export function rc1180Telegram(f: Rc1180Frame, stickId: string, receivedAt: Date): NormalizedTelegram | undefined {
  if (f.kind !== 'telegram') return undefined;
  const out: NormalizedTelegram = { telegram: f.telegram, frameFormat: 'A', crcCheckedBy: 'stick', linkMode: 'T1', receivedAt, stickId };
  if (f.rssi !== undefined) out.rssiRaw = f.rssi;
  return out;
}
